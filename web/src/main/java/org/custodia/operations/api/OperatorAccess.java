package org.custodia.operations.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.custodia.platform.config.Settings;
import org.custodia.platform.startup.DevelopmentDefaults;

/**
 * Who may read the installation's numbers ({@code /metrics}, the counts in health answers): with
 * {@code CUSTODIA_METRICS_TOKEN} set, the bearer of it; without, in development only, a caller on this machine that
 * no proxy forwarded (a sidecar or a proxy that adds no header would look local: outside development, no token, no
 * numbers).
 */
final class OperatorAccess {

    private OperatorAccess() {
    }

    static boolean allowed(HttpServletRequest request, Optional<String> token) {
        if (token.isPresent()) {
            String header = request.getHeader("Authorization");
            return header != null && header.startsWith("Bearer ") && sameSecret(header.substring(7).strip(), token.get());
        }
        return DevelopmentDefaults.development(Settings.system()) && request.getHeader("X-Forwarded-For") == null
                && request.getHeader("Forwarded") == null && loopback(request.getRemoteAddr());
    }

    /** Compared as SHA-256 digests in constant time: neither the length nor a prefix leaks through timing. */
    static boolean sameSecret(String given, String expected) {
        try {
            return MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(given.getBytes(StandardCharsets.UTF_8)),
                    MessageDigest.getInstance("SHA-256").digest(expected.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress(); // the peer's literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
