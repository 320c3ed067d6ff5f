package org.custodia.platform.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.custodia.platform.idempotency.IdempotencyKeys;
import org.custodia.platform.problem.FieldError;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code Idempotency-Key} on POST, PUT and PATCH. The request runs in one JTA transaction opened here, so the
 * change and the stored response commit together: a replay (same caller, key, method, path and body) gets
 * the original status and body; the same key with a different request gets 422; while the first request
 * with a key is still running, a duplicate gets 409. Only successful (2xx) answers are kept, for 24 hours.
 * Keys are per caller: another API key or user sending the same key is a new request. A
 * {@link SecretBearingResponse} is never stored; its replay answers 409 (the secret was shown once).
 * Runs after {@code identity.api.ApiAuthenticationFilter}, so a caller who may not call the endpoint gets no replay.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 200) // after authentication and authorisation (Priorities.AUTHENTICATION)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String STATE = IdempotencyFilter.class.getName() + ".state";
    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);

    private record State(UserTransaction transaction, String key, String requestHash, boolean secretBearing) {
    }

    @Context
    ResourceInfo resource;

    @Inject
    CallerContext callerContext;

    @Inject
    IdempotencyKeys keys;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !List.of("POST", "PUT", "PATCH").contains(request.getMethod()) || !callerContext.authenticated()) {
            return;
        }
        if (request.getUriInfo().getRequestUri().getRawPath().equals(RequestBodyLimitFilter.IMPORT_PATH)) {
            // a streamed import commits batch by batch and cannot be one stored response; resume with skipLines instead
            request.abortWith(Problems.response(400, "validation", "Invalid request", "Imports do not take an Idempotency-Key.",
                    List.of(new FieldError(HEADER, "resume a failed import with skipLines instead"))));
            return;
        }
        if (!KEY.matcher(key).matches()) {
            request.abortWith(Problems.response(400, "validation", "Invalid request", "The Idempotency-Key header is invalid.",
                    List.of(new FieldError(HEADER, "must be 1 to 255 visible ASCII characters"))));
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        java.net.URI uri = request.getUriInfo().getRequestUri();
        // the query is part of the request: the same key with another query is another request (422)
        String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        String hash = sha256(request.getMethod() + " " + target + "\n"
                + new String(body, StandardCharsets.UTF_8));
        UserTransaction tx = userTransaction();
        try {
            tx.begin();
            IdempotencyKeys.Lookup found = keys.lookup(callerContext.caller().tenantId(), callerContext.caller().callerId(), key);
            if (found instanceof IdempotencyKeys.InFlight) {
                tx.rollback();
                request.abortWith(Problems.response(409, "idempotency-in-flight", "Conflict",
                        "A request with this Idempotency-Key is still being processed; retry later.",
                        List.of(new FieldError(HEADER, "is in use by a running request"))));
            } else if (found instanceof IdempotencyKeys.Replay replay) {
                tx.rollback();
                if (!replay.response().requestHash().equals(hash)) {
                    request.abortWith(Problems.response(422, "idempotency-mismatch", "Idempotency-Key reused",
                            "This Idempotency-Key was used for a different request.",
                            List.of(new FieldError(HEADER, "was used with a different method, path or body"))));
                } else if (replay.response().secretWithheld()) {
                    request.abortWith(Problems.response(409, "idempotency-secret-withheld", "Already done",
                            "The request with this Idempotency-Key succeeded; its answer carried a secret that is shown only once"
                                    + " and is not kept. List the result (e.g. GET /api-keys) and revoke it if the secret was lost.",
                            List.of(new FieldError(HEADER, "belongs to a completed request whose answer is not kept"))));
                } else {
                    request.abortWith(Response.status(replay.response().status())
                            .type(replay.response().contentType())
                            .entity(replay.response().body())
                            .header("Idempotent-Replayed", "true").build());
                }
            } else {
                request.setProperty(STATE, new State(tx, key, hash, secretBearing()));
            }
        } catch (Exception e) {
            rollbackQuietly(tx);
            throw new IllegalStateException("idempotency check failed", e);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STATE) instanceof State state)) {
            return;
        }
        request.removeProperty(STATE);
        UserTransaction tx = state.transaction();
        try {
            boolean success = response.getStatus() >= 200 && response.getStatus() < 300;
            if (!success || tx.getStatus() != Status.STATUS_ACTIVE) {
                rollbackQuietly(tx);
                return;
            }
            IdempotencyKeys.StoredResponse stored;
            if (state.secretBearing()) {
                stored = IdempotencyKeys.StoredResponse.withheld(state.requestHash(), response.getStatus());
            } else {
                String body = response.hasEntity() ? jsonOf(response.getEntity()) : null;
                String type = response.getMediaType() == null ? null : response.getMediaType().toString();
                stored = new IdempotencyKeys.StoredResponse(state.requestHash(), response.getStatus(), type, body, false);
            }
            keys.store(callerContext.caller().tenantId(), callerContext.caller().callerId(), state.key(), stored);
            tx.commit();
        } catch (Exception e) {
            rollbackQuietly(tx);
            LOG.errorf(e, "commit of an idempotent request failed");
            response.setStatus(500);
            response.setEntity(Problems.body(500, "internal", "Internal error",
                    "The request did not commit; it is safe to retry with the same Idempotency-Key.", List.of()),
                    null, Problems.PROBLEM_JSON);
        }
    }

    private boolean secretBearing() {
        return resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(SecretBearingResponse.class);
    }

    private String jsonOf(Object entity) throws IOException {
        if (entity instanceof String s) {
            return s;
        }
        return JSON.writeValueAsString(entity);
    }

    private static UserTransaction userTransaction() {
        try {
            return InitialContext.doLookup("java:comp/UserTransaction");
        } catch (NamingException e) {
            throw new IllegalStateException("no UserTransaction", e);
        }
    }

    private static void rollbackQuietly(UserTransaction tx) {
        try {
            if (tx.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tx.rollback();
            }
        } catch (Exception e) {
            LOG.warn("rollback failed", e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
