package org.custodia.platform.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.custodia.tenancy.application.RateLimiter;
import org.custodia.tenancy.domain.RateLimits.Category;

/**
 * Per-tenant and per-key limits on consent checks and on mutations (POST, PUT, PATCH, DELETE), after
 * authentication and authorisation. Answers carry RateLimit-Limit/-Remaining/-Reset; a refusal is a 429
 * problem with Retry-After, before the resource runs, so it writes nothing.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    @Inject
    CallerContext callerContext;

    @Inject
    RateLimiter limiter;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!callerContext.authenticated()) {
            return; // public and operator endpoints
        }
        Category category = category(request);
        if (category == null) {
            return;
        }
        RateLimiter.Decision decision = limiter.consume(callerContext.caller().tenantId(), callerContext.caller().callerId(),
                category);
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            request.abortWith(Response.fromResponse(Problems.response(429, "rate-limited", "Too many requests",
                            "This tenant or key used its " + decision.limit() + " " + category.name().toLowerCase()
                                    + " requests per minute; retry after " + decision.retryAfterSeconds() + " s."))
                    .header("Retry-After", decision.retryAfterSeconds())
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision d) {
            response.getHeaders().putSingle("RateLimit-Limit", d.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", d.remaining());
            response.getHeaders().putSingle("RateLimit-Reset", d.resetSeconds());
            response.getHeaders().putSingle("RateLimit-Policy", d.limit() + ";w=60");
        }
    }

    private static Category category(ContainerRequestContext request) {
        boolean check = request.getUriInfo().getPath().endsWith("/consents/check");
        switch (request.getMethod()) {
            case "POST", "PUT", "PATCH", "DELETE" -> {
                return check ? Category.CHECK : Category.MUTATION; // a batch check changes nothing
            }
            default -> {
                return check ? Category.CHECK : null;
            }
        }
    }
}
