package org.custodia.platform.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jboss.logging.Logger;

/**
 * One access line per request ({@code METHOD path status duration}, with the request id from the MDC):
 * the path without its query string, which may carry subject ids.
 */
public class AccessLogFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger("org.custodia.http");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        chain.doFilter(request, response);
        LOG.infof("%s %s %d %.1fms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                (System.nanoTime() - started) / 1e6);
    }
}
