package org.custodia.platform.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import org.custodia.platform.problem.FieldError;

/**
 * Refuses, before anything else runs, a path segment, query parameter or header value that is not
 * acceptable text ({@link TextInput}). The raw (still percent-encoded) URI is decoded strictly here,
 * because the container's own decoding turns malformed UTF-8 into U+FFFD instead of refusing it.
 * JSON bodies are checked by {@link JacksonConfig}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class TextInputFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        FieldError error = firstError(request.getUriInfo().getRequestUri(), request.getHeaders());
        if (error != null) {
            request.abortWith(Problems.response(400, "invalid-text", "Invalid characters",
                    "Text must be well-formed UTF-8 without NUL characters or unpaired surrogates.", List.of(error)));
        }
    }

    static FieldError firstError(URI uri, Map<String, List<String>> headers) {
        String rawPath = uri.getRawPath();
        if (rawPath != null) {
            for (String segment : rawPath.split("/", -1)) {
                if (TextInput.decodeStrictly(segment, false) == null) {
                    return new FieldError("path", TextInput.PROBLEM);
                }
            }
        }
        String rawQuery = uri.getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = TextInput.decodeStrictly(eq < 0 ? pair : pair.substring(0, eq), true);
                if (name == null) {
                    return new FieldError("query", TextInput.PROBLEM);
                }
                if (eq >= 0 && TextInput.decodeStrictly(pair.substring(eq + 1), true) == null) {
                    return new FieldError(name, TextInput.PROBLEM);
                }
            }
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                if (value != null && !TextInput.acceptable(value)) {
                    return new FieldError(header.getKey(), TextInput.PROBLEM);
                }
            }
        }
        return null;
    }
}
