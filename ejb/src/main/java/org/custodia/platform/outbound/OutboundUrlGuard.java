package org.custodia.platform.outbound;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a URL before the server fetches it: scheme, no user info, a host written the one canonical way,
 * every address the host resolves to allowed by the {@link OutboundPolicy}, the port not a refused one.
 * The result names the single address that was checked; {@link OutboundHttp} connects to exactly that
 * address (no second lookup, so DNS rebinding cannot swap it) while Host and TLS (SNI, certificate
 * name) keep the URL's name.
 */
public final class OutboundUrlGuard {

    /** Name resolution, injectable so tests never use real DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A checked URL and the address to connect to. */
    public record Target(URI uri, String host, int port, InetAddress address) {
    }

    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** A last label that is all digits or 0x-hex makes the host a number to URL parsers (WHATWG), however written. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|\\d+)");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final OutboundPolicy policy;
    private final Resolver resolver;

    public OutboundUrlGuard(OutboundPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    public static OutboundUrlGuard fromSettings() {
        return new OutboundUrlGuard(OutboundPolicy.fromSettings(), InetAddress::getAllByName);
    }

    public OutboundPolicy policy() {
        return policy;
    }

    public Target check(String url) throws RefusedUrl {
        try {
            return check(new URI(url));
        } catch (URISyntaxException e) {
            throw new RefusedUrl("not a URL: " + e.getMessage());
        }
    }

    public Target check(URI uri) throws RefusedUrl {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!policy.allowsScheme(scheme)) {
            throw new RefusedUrl("scheme " + scheme + " is not allowed");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
            throw new RefusedUrl("a URL with user info is not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedUrl("no host in " + uri.getRawAuthority());
        }
        int port = uri.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : uri.getPort();
        return new Target(uri, host, port, checkAddress(host, port));
    }

    /**
     * The address rules alone, for connections that are not HTTP (a customer's database): the port not a refused
     * one, every address the host resolves to allowed; answers the one checked address to connect to.
     */
    public InetAddress checkAddress(String host, int port) throws RefusedUrl {
        if (port < 1 || port > 65535 || policy.refusedPorts().contains(port)) {
            throw new RefusedUrl("port " + port + " is not allowed");
        }
        InetAddress[] addresses = addressesOf(host.toLowerCase(Locale.ROOT));
        if (addresses.length == 0) {
            throw new RefusedUrl(host + " has no address");
        }
        for (InetAddress a : addresses) {
            AddressClass c = AddressClass.of(a);
            if (!policy.allows(c)) {
                throw new RefusedUrl(host + " resolves to a " + c + " address");
            }
        }
        return addresses[0];
    }

    private InetAddress[] addressesOf(String host) throws RefusedUrl {
        if (host.startsWith("[")) {
            String literal = host.substring(1, host.length() - 1);
            if (literal.contains("%")) {
                throw new RefusedUrl("a scoped IPv6 address is not allowed");
            }
            try {
                return new InetAddress[] {InetAddress.getByName(literal)}; // a literal: parsed, never looked up
            } catch (UnknownHostException e) {
                throw new RefusedUrl("not an IPv6 address: " + literal);
            }
        }
        String[] labels = host.split("\\.", -1);
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()
                || (labels.length > 1 && host.endsWith(".") && NUMERIC_LABEL.matcher(labels[labels.length - 2]).matches())) {
            if (!DOTTED_QUAD.matcher(host).matches()) {
                throw new RefusedUrl("a numeric host must be a canonical dotted-quad IPv4 address: " + host);
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) Integer.parseInt(labels[i]);
            }
            return new InetAddress[] {AddressClass.literal(b)};
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host.endsWith(".") ? host.substring(0, host.length() - 1) : host, IDN.USE_STD3_ASCII_RULES)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new RefusedUrl("not a host name: " + host);
        }
        if (!NAME.matcher(ascii).matches() || ascii.length() > 253) {
            throw new RefusedUrl("not a host name: " + host);
        }
        try {
            return resolver.resolve(ascii);
        } catch (UnknownHostException e) {
            throw new RefusedUrl(ascii + " does not resolve", e);
        }
    }
}
