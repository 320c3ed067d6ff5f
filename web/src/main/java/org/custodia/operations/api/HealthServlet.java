package org.custodia.operations.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.operations.application.HealthChecks;
import org.custodia.platform.config.Setting;

/**
 * {@code /health/ready}, {@code /health/live} and {@code /health} (both) on the application's port, in MicroProfile
 * Health's wire format: {@code {"status": "UP"|"DOWN", "checks": [{"name", "status", "data"}]}}, 200 when every check
 * is up, else 503. A load balancer or Kubernetes probe needs no credentials for the statuses; the counts in
 * {@code data} are for {@link OperatorAccess operators} only.
 * <p>Served here rather than by WildFly's microprofile-health subsystem: that one does not find checks in an EAR's
 * modules (its CDI extension sees the top-level deployment's beans only), and reports on the management port.
 */
@WebServlet(urlPatterns = {"/health", "/health/ready", "/health/live"})
public class HealthServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    HealthChecks checks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<HealthChecks.Check> results = new ArrayList<>();
        String path = request.getServletPath();
        if (!path.equals("/health/live")) {
            results.addAll(checks.readiness());
        }
        if (!path.equals("/health/ready")) {
            results.addAll(checks.liveness());
        }
        boolean operator = OperatorAccess.allowed(request, Setting.METRICS_TOKEN.value());
        boolean up = results.stream().allMatch(HealthChecks.Check::up);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (HealthChecks.Check c : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", c.name());
            check.put("status", c.up() ? "UP" : "DOWN");
            if (operator && !c.data().isEmpty()) {
                check.put("data", c.data());
            }
            shown.add(check);
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), Map.of("status", up ? "UP" : "DOWN", "checks", shown));
    }
}
