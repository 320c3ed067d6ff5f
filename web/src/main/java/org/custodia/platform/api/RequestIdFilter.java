package org.custodia.platform.api;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jboss.logging.MDC;

/**
 * First on every request (see web.xml for the order of the filters): gives it a request id (the caller's
 * {@code X-Request-Id} when it is a sane token, else a new one) and its {@link TraceContext trace context} (the
 * caller's {@code traceparent} continued, else a new trace), puts them into the logging MDC and the response, and
 * clears the MDC keys the request set when it ends, since the thread is pooled.
 */
public class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final String TRACEPARENT = "traceparent";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    public static String currentRequestId() {
        return CURRENT.get();
    }

    /** The caller's id when it is a sane token (it goes into logs and headers), else a new one. */
    static String requestIdFor(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = requestIdFor(request.getHeader(HEADER));
        CURRENT.set(requestId);
        MDC.put(MDC_KEY, requestId);
        response.setHeader(HEADER, requestId);
        TraceContext trace = TraceContext.continueOrStart(request.getHeader(TRACEPARENT));
        MDC.put("traceId", trace.traceId());
        MDC.put("spanId", trace.spanId());
        response.setHeader(TRACEPARENT, trace.traceparent());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove("traceId");
            MDC.remove("spanId");
            MDC.remove("tenantId");
            MDC.remove("principal");
            MDC.remove("userId");
            CURRENT.remove();
        }
    }
}
