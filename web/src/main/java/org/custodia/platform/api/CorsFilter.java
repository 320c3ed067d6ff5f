package org.custodia.platform.api;


import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.custodia.tenancy.application.SecuritySettings;

/**
 * CORS with a per-tenant allowlist. A preflight carries no credentials, so it is answered for an origin
 * that some tenant allows; the real response names the origin only when the caller's own tenant allows
 * it, so a browser on another tenant's origin cannot read the answer.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Api-Key, X-Request-Id";
    static final String EXPOSED_HEADERS = "X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After";
    /** origin → whether some tenant allows it */
    private static final Cache<String, Boolean> KNOWN = Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(60))
            .maximumSize(10_000).build();

    @Inject
    SecuritySettings settings;

    @Inject
    CallerContext callerContext;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !"OPTIONS".equals(request.getMethod()) || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        if (!known(origin)) {
            request.abortWith(Problems.response(403, "cors-origin", "Origin not allowed",
                    "No organisation allows calls from this origin; an administrator adds it under PUT /api/v1/settings/security."));
            return;
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin")
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || "OPTIONS".equals(request.getMethod())) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        if (callerContext.authenticated() && settings.of(callerContext.caller().tenantId()).corsOrigins().contains(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Allow-Credentials", "true");
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    private boolean known(String origin) {
        if (origin.length() > 200) {
            return false;
        }
        Boolean cached = KNOWN.getIfPresent(origin);
        if (cached != null) {
            return cached;
        }
        boolean known = settings.originKnownToSomeTenant(origin);
        KNOWN.put(origin, known);
        return known;
    }
}
