package org.custodia.platform.api;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Refuses a body over its path's limit with 413 before anything reads it: at once when the declared
 * length is over, else (chunked bodies) when the stream passes the limit ({@link SizeLimitedRequest}).
 */
public class RequestBodyLimitFilter extends HttpFilter {

    public static final long MAX_BODY_BYTES = 1024 * 1024;
    /** Report PDFs sent for verification may be larger than any JSON body. */
    public static final long MAX_PDF_BYTES = 20 * 1024 * 1024;
    /** bulk consent imports stream (1,000,000 records are some 60 MB of CSV) */
    public static final long MAX_IMPORT_BYTES = 4L * 1024 * 1024 * 1024;
    /** A register import is read whole before anything is written: a spreadsheet of 10,000 entries fits. */
    public static final long MAX_REGISTER_BYTES = 20 * 1024 * 1024;
    public static final String REGISTER_IMPORT_PATH = "/api/v1/ropa/register/imports";
    public static final String PDF_VERIFY_PATH = "/api/v1/reports/verify";
    public static final String IMPORT_PATH = "/api/v1/consents/imports";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body limit of a request URI (the path, exactly as sent). */
    static long limitFor(String requestUri) {
        return PDF_VERIFY_PATH.equals(requestUri) ? MAX_PDF_BYTES
                : REGISTER_IMPORT_PATH.equals(requestUri) ? MAX_REGISTER_BYTES
                : IMPORT_PATH.equals(requestUri) ? MAX_IMPORT_BYTES : MAX_BODY_BYTES;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long limit = limitFor(request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            response.setStatus(413);
            response.setContentType(Problems.MEDIA_TYPE);
            JSON.writeValue(response.getOutputStream(), Problems.body(413, "payload-too-large", "Payload too large",
                    "This request body is limited to " + limit + " bytes.", List.of()));
            return;
        }
        chain.doFilter(new SizeLimitedRequest(request, limit), response);
    }
}
