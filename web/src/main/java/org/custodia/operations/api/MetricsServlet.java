package org.custodia.operations.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.custodia.operations.application.OperationsGauges;
import org.custodia.platform.config.Setting;
import org.custodia.platform.metrics.Meters;

/**
 * {@code GET /metrics}: this node's meters in the Prometheus text format, for {@link OperatorAccess operators} only;
 * anyone else gets 404, as if there were nothing here. The numbers are totals, never a tenant's or subject's.
 */
@WebServlet(urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    Meters meters;

    @Inject
    OperationsGauges operations;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!OperatorAccess.allowed(request, Setting.METRICS_TOKEN.value())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        operations.current(); // the database's counts, refreshed here if stale, so the scrape does not wait per gauge
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(meters.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
