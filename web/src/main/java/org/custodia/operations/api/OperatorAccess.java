package org.custodia.operations.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.custodia.platform.api.ConfiguredSecret;
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
            return header != null && header.startsWith("Bearer ") && ConfiguredSecret.matches(token.get(), header.substring(7).strip());
        }
        return DevelopmentDefaults.development(Settings.system()) && request.getHeader("X-Forwarded-For") == null
                && request.getHeader("Forwarded") == null && loopback(request.getRemoteAddr());
    }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress(); // the peer's literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
