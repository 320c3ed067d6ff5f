package org.custodia.platform.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.custodia.identity.application.ApiKeyService;
import org.custodia.identity.domain.ApiCaller;
import org.jboss.logging.MDC;

/**
 * Every endpoint needs credentials unless marked {@link PublicEndpoint}: an API key
 * ({@code Authorization: Bearer cus_...} or {@code X-Api-Key}) that fixes the tenant, or for
 * {@link PlatformAdminEndpoint}s the installation's admin token.
 */
@Provider
@Priority(Priorities.AUTHENTICATION) // authorisation too: one filter decides who and whether
public class ApiAuthenticationFilter implements ContainerRequestFilter {

    public static final String ADMIN_TOKEN_PROPERTY = "custodia.admin.token";
    public static final String ADMIN_TOKEN_ENV = "CUSTODIA_ADMIN_TOKEN";

    @Context
    ResourceInfo resource;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    CallerContext callerContext;

    @Inject
    org.custodia.identity.application.ApiKeyAuthenticator authenticator;

    @Override
    public void filter(ContainerRequestContext request) {
        if (marked(PublicEndpoint.class)) {
            return;
        }
        String presented = credential(request);
        if (marked(PlatformAdminEndpoint.class)) {
            if (presented == null || !adminTokenMatches(presented)) {
                request.abortWith(unauthorized("This endpoint needs the installation's admin token."));
            }
            return;
        }
        Optional<ApiCaller> caller = presented == null ? Optional.empty() : authenticator.authenticate(presented);
        if (caller.isEmpty()) {
            request.abortWith(unauthorized("A valid API key is required."));
            return;
        }
        callerContext.authenticated(caller.get());
        if (ApiKeyService.touchDue(caller.get().keyId())) {
            apiKeys.touch(caller.get().tenantId(), caller.get().keyId());
        }
        MDC.put("tenantId", caller.get().tenantId().toString());
        MDC.put("principal", caller.get().principal());
        RequiresPermission required = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RequiresPermission.class);
        if (required == null) {
            // an endpoint that forgot to declare its permission is closed, not open
            request.abortWith(forbidden("This endpoint declares no permission."));
        } else if (!caller.get().may(required.value())) {
            request.abortWith(forbidden("This needs the permission '" + required.value() + "', which role "
                    + caller.get().role() + " does not have."));
        }
    }

    private static jakarta.ws.rs.core.Response forbidden(String detail) {
        return Problems.response(403, "forbidden", "Forbidden", detail);
    }

    private boolean marked(Class<? extends java.lang.annotation.Annotation> annotation) {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(annotation)
                || resource.getResourceClass().isAnnotationPresent(annotation));
    }

    private static String credential(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return request.getHeaderString("X-Api-Key");
    }

    private static boolean adminTokenMatches(String presented) {
        String configured = System.getProperty(ADMIN_TOKEN_PROPERTY, System.getenv(ADMIN_TOKEN_ENV));
        if (configured == null || configured.length() < 16) {
            return false; // no admin token configured: tenant bootstrap over HTTP is off
        }
        return MessageDigest.isEqual(sha256(configured), sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static jakarta.ws.rs.core.Response unauthorized(String detail) {
        return jakarta.ws.rs.core.Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
