package org.custodia.platform.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of network an IP address belongs to, for the outbound guard. IPv6 forms that carry an IPv4
 * address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}) are classified by the IPv4 address they carry.
 */
public enum AddressClass {
    PUBLIC,
    /** 127.0.0.0/8, ::1. */
    LOOPBACK,
    /** RFC 1918, shared address space 100.64.0.0/10, unique-local fc00::/7, site-local fec0::/10. */
    PRIVATE,
    /** 169.254.0.0/16 (cloud metadata lives at 169.254.169.254), fe80::/10. */
    LINK_LOCAL,
    /** 0.0.0.0/8, ::. */
    UNSPECIFIED,
    /** 224.0.0.0/4, ff00::/8. */
    MULTICAST,
    /** Documentation, benchmarking, IETF protocol and future-use ranges (240/4 with 255.255.255.255): nothing a provider lives at. */
    RESERVED;

    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ofV4(b);
        }
        if (address instanceof Inet6Address) {
            return ofV6(b);
        }
        return RESERVED;
    }

    private static AddressClass ofV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return UNSPECIFIED;
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168) || (a0 == 100 && a1 >= 64 && a1 <= 127)) {
            return PRIVATE;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 >= 224 && a0 <= 239) {
            return MULTICAST;
        }
        if (a0 >= 240 // future use and 255.255.255.255
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressClass ofV6(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ofV4(new byte[] {b[12], b[13], b[14], b[15]}); // IPv4-mapped
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            boolean zero = true;
            for (int i = 12; i < 15; i++) {
                zero &= b[i] == 0;
            }
            if (zero && b[15] == 0) {
                return UNSPECIFIED;
            }
            if (zero && b[15] == 1) {
                return LOOPBACK;
            }
            return ofV4(new byte[] {b[12], b[13], b[14], b[15]}); // IPv4-compatible (deprecated)
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if (w0 == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return ofV4(new byte[] {b[12], b[13], b[14], b[15]}); // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
        }
        if (w0 == 0x2002) {
            return ofV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return PRIVATE; // unique-local fc00::/7
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return PRIVATE; // site-local fec0::/10 (deprecated)
        }
        if ((b[0] & 0xff) == 0xff) {
            return MULTICAST;
        }
        if (w0 == 0x2001 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return RESERVED; // documentation 2001:db8::/32
        }
        if (w0 == 0x2001 && b[2] == 0 && b[3] == 0) {
            return RESERVED; // Teredo 2001::/32: tunnels to an address we cannot see
        }
        if (w0 == 0x0100 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return RESERVED; // discard-only 100::/64
        }
        if ((b[0] & 0xe0) != 0x20) {
            return RESERVED; // outside global unicast 2000::/3
        }
        return PUBLIC;
    }

    /** A literal address from its bytes, without any name lookup. */
    static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
