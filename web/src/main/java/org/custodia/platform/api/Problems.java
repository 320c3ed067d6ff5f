package org.custodia.platform.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.platform.problem.FieldError;

/** Builds RFC 9457 problem documents; every error response of the API is one of these. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    /** Where every problem type lives: {@code <TYPE_BASE><name>}. */
    public static final String TYPE_BASE = "https://custodia.org/problems/";

    private Problems() {
    }

    public static Map<String, Object> body(int status, String type, String title, String detail, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        String requestId = RequestIdFilter.currentRequestId();
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    public static Response response(int status, String type, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(PROBLEM_JSON).entity(body(status, type, title, detail, errors)).build();
    }

    public static Response response(int status, String type, String title, String detail) {
        return response(status, type, title, detail, List.of());
    }
}
