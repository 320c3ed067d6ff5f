package org.custodia.platform.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.custodia.platform.config.Setting;

/**
 * The address a request comes from, as a throttling key. {@code X-Forwarded-For} counts only when the
 * direct peer is one of the configured trusted proxies ({@code CUSTODIA_TRUSTED_PROXIES}, CIDRs,
 * default none); then the right-most address that is not a trusted proxy is the client (everything to
 * its left may be made up by the client). IPv6 clients are keyed by their /64, which one subscriber
 * usually holds whole.
 */
public final class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Cidr> trustedProxies;

    public ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** From the setting; a malformed entry fails loudly (a mistyped proxy list must not silently trust nobody). */
    public static ClientAddress configured() {
        String value = Setting.TRUSTED_PROXIES.value().orElse("");
        List<Cidr> cidrs = new ArrayList<>();
        for (String entry : value.split(",")) {
            if (!entry.isBlank()) {
                cidrs.add(Cidr.parse(entry.trim()));
            }
        }
        return new ClientAddress(cidrs);
    }

    /** The throttling key of the client behind {@code peer}, given the request's X-Forwarded-For headers. */
    public String key(String peer, List<String> forwardedFor) {
        InetAddress direct = parse(peer);
        if (direct == null) {
            return "unknown";
        }
        InetAddress client = direct;
        if (trusted(direct) && forwardedFor != null) {
            List<String> hops = new ArrayList<>();
            for (String header : forwardedFor) {
                hops.addAll(Arrays.asList(header.split(",")));
            }
            for (int i = hops.size() - 1; i >= 0; i--) {
                InetAddress hop = parse(hops.get(i).trim());
                if (hop == null) {
                    break; // garbage from here on leftwards: the last good hop is all we know
                }
                client = hop;
                if (!trusted(hop)) {
                    break;
                }
            }
        }
        return keyOf(client);
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }

    static String keyOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }

    /** An IP literal (IPv4, IPv6, optionally bracketed or with a port), never a name lookup; null if not one. */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            s = s.substring(1, close);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.contains(".")) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (!IP_LITERAL.matcher(s).matches() || !(s.contains(":") || s.chars().filter(c -> c == '.').count() == 3)) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(s); // a literal: no DNS
            if (a instanceof Inet6Address v6 && v6.getAddress()[10] == (byte) 0xff && v6.getAddress()[11] == (byte) 0xff
                    && Arrays.equals(Arrays.copyOf(v6.getAddress(), 10), new byte[10])) {
                return Inet4Address.getByAddress(Arrays.copyOfRange(v6.getAddress(), 12, 16)); // IPv4-mapped
            }
            return a;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a /32 or /128. */
    public record Cidr(byte[] network, int prefixLength) {

        public static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = ClientAddress.parse(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException(Setting.TRUSTED_PROXIES.environmentName() + ": not an address block: " + text);
            }
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Setting.TRUSTED_PROXIES.environmentName() + ": not an address block: " + text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(Setting.TRUSTED_PROXIES.environmentName() + ": prefix out of range: " + text);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
