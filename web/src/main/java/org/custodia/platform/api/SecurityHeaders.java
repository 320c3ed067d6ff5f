package org.custodia.platform.api;

import jakarta.servlet.http.HttpServletResponse;

/** Headers every response carries: the API serves data, never pages to frame, sniff or cache. */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void apply(HttpServletResponse response) {
        response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
