package org.custodia.platform.api;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * First on every request: gives it a request id (the caller's {@code X-Request-Id} when it is a sane
 * token, else a new one), puts it into the logging MDC and the response, and refuses bodies over
 * 1 MiB with 413 before anything reads them. Also sets the security headers on every response.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    /** Report PDFs sent for verification may be larger than any JSON body. */
    public static final long MAX_PDF_BYTES = 20 * 1024 * 1024;
    /** bulk consent imports stream (1,000,000 records are some 60 MB of CSV) */
    public static final long MAX_IMPORT_BYTES = 4L * 1024 * 1024 * 1024;
    public static final String IMPORT_PATH = "/api/v1/consents/imports";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger("org.custodia.http");

    /** A transaction a filter opened must never outlive its request on this pooled thread. */
    private static volatile jakarta.transaction.TransactionManager transactionManager;

    private static void rollbackDanglingTransaction() {
        try {
            jakarta.transaction.TransactionManager tm = transactionManager;
            if (tm == null) {
                tm = javax.naming.InitialContext.doLookup("java:jboss/TransactionManager");
                transactionManager = tm;
            }
            if (tm.getStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
                LOG.warn("rolling back a transaction left open by a request");
                tm.rollback();
            }
        } catch (Exception e) {
            LOG.warn("could not check for a dangling transaction", e);
        }
    }

    public static String currentRequestId() {
        return CURRENT.get();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String incoming = request.getHeader(HEADER);
        String requestId = incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        CURRENT.set(requestId);
        MDC.put(MDC_KEY, requestId);
        response.setHeader(HEADER, requestId);
        SecurityHeaders.apply(response);
        try {
            long limit = "/api/v1/reports/verify".equals(request.getRequestURI()) ? MAX_PDF_BYTES
                    : IMPORT_PATH.equals(request.getRequestURI()) ? MAX_IMPORT_BYTES : MAX_BODY_BYTES;
            if (request.getContentLengthLong() > limit) {
                response.setStatus(413);
                response.setContentType(Problems.MEDIA_TYPE);
                JSON.writeValue(response.getOutputStream(), Problems.body(413, "payload-too-large", "Payload too large",
                        "This request body is limited to " + limit + " bytes.", java.util.List.of()));
                return;
            }
            long started = System.nanoTime();
            chain.doFilter(new SizeLimitedRequest(request, limit), response);
            // one access line per request: the path without its query string (which may carry subject ids)
            LOG.infof("%s %s %d %.1fms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                    (System.nanoTime() - started) / 1e6);
        } finally {
            rollbackDanglingTransaction();
            MDC.remove(MDC_KEY);
            MDC.remove("tenantId");
            MDC.remove("principal");
            MDC.remove("userId");
            CURRENT.remove();
        }
    }
}
