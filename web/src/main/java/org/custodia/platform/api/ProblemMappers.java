package org.custodia.platform.api;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an RFC 9457 problem; nothing internal leaks to the caller. Besides the catch-all,
 * mappers exist only where RESTEasy has a more specific one of its own (Jackson errors, web exceptions).
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    static Response map(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                Response r = Problems.response(p.status(), p.type(), p.title(), p.getMessage(), p.errors());
                return p.retryAfterSeconds() == 0 ? r : Response.fromResponse(r).header("Retry-After", p.retryAfterSeconds()).build();
            }
            if (t instanceof PayloadTooLargeException) {
                return Problems.response(413, "payload-too-large", "Payload too large", t.getMessage());
            }
            if (t instanceof StrictTextModule.InvalidTextException i) {
                return Problems.response(400, "invalid-text", "Invalid characters",
                        "Text must be well-formed UTF-8 without NUL characters or unpaired surrogates.",
                        List.of(new FieldError(path(i), TextInput.PROBLEM)));
            }
            if (t instanceof UnrecognizedPropertyException u) {
                return Problems.response(400, "malformed-body", "Malformed request body",
                        "Unknown property '" + u.getPropertyName() + "'.",
                        List.of(new FieldError(path(u), "is not a known property")));
            }
            if (t instanceof JsonParseException) {
                return Problems.response(400, "malformed-body", "Malformed request body", "The body is not valid JSON.");
            }
            if (t instanceof JsonMappingException m) {
                return Problems.response(400, "malformed-body", "Malformed request body",
                        "A property has the wrong type or shape.",
                        List.of(new FieldError(path(m), "has the wrong type or shape")));
            }
            if (t instanceof JsonProcessingException) {
                return Problems.response(400, "malformed-body", "Malformed request body", "The body is not valid JSON.");
            }
            if (t instanceof NotFoundException) {
                return Problems.response(404, "not-found", "Not found", "No such resource.");
            }
            if (t instanceof NotAllowedException) {
                return Problems.response(405, "method-not-allowed", "Method not allowed", null);
            }
            if (t instanceof NotSupportedException) {
                return Problems.response(415, "unsupported-media-type", "Unsupported media type",
                        "Send application/json.");
            }
            if (t instanceof NotAcceptableException) {
                return Problems.response(406, "not-acceptable", "Not acceptable", null);
            }
            if (t instanceof WebApplicationException w && w.getResponse().getStatus() < 500
                    && !(t.getCause() instanceof Exception)) {
                int status = w.getResponse().getStatus();
                return Problems.response(status, "http-" + status, w.getResponse().getStatusInfo().getReasonPhrase(), null);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        LOG.errorf(error, "unhandled %s", error.getClass().getName());
        return Problems.response(500, "internal", "Internal error",
                "The request failed; quote the request id when reporting it.");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    @Provider
    public static class ForJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return map(e);
        }
    }

    @Provider
    public static class ForWeb implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            return map(e);
        }
    }

    @Provider
    public static class ForEverythingElse implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return map(e);
        }
    }
}
