package org.custodia.platform.api;

import jakarta.ws.rs.core.NewCookie;

import org.custodia.platform.context.PublicUrl;

/**
 * The console's session cookie: HttpOnly, Secure, SameSite=Lax. Served over HTTPS ({@code CUSTODIA_PUBLIC_URL}
 * starts with https) it is {@code __Host-custodia_session} with Path=/ and no Domain, so no sibling host or
 * plain-HTTP page can set or shadow it; otherwise (local development) {@code custodia_session} scoped to /api.
 */
public final class SessionCookie {

    public static final String PLAIN_NAME = "custodia_session";
    static final String HOST_NAME = "__Host-" + PLAIN_NAME;

    private SessionCookie() {
    }

    private static boolean overHttps() {
        return PublicUrl.base().regionMatches(true, 0, "https://", 0, 8);
    }

    public static String name() {
        return overHttps() ? HOST_NAME : PLAIN_NAME;
    }

    /** "/" for the {@code __Host-} cookie (required by the prefix), else the API's path. */
    public static String path() {
        return overHttps() ? "/" : "/api";
    }

    /** The cookie carrying {@code value}; an empty value with max-age 0 clears it. Never a Domain attribute. */
    public static NewCookie of(String value, long maxAgeSeconds) {
        return new NewCookie.Builder(name()).value(value).path(path())
                .httpOnly(true).secure(true).sameSite(NewCookie.SameSite.LAX).maxAge((int) maxAgeSeconds).build();
    }
}
