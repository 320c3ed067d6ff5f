package org.custodia.tenancy.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.CostlyEndpoint;
import org.custodia.platform.api.Problems;
import org.custodia.tenancy.application.RateLimiter;
import org.custodia.tenancy.domain.RateLimits.Category;

/**
 * Per-tenant and per-key limits on consent checks, on mutations (POST, PUT, PATCH, DELETE) and on
 * {@link CostlyEndpoint}s, after authentication and authorisation. Answers carry RateLimit-Limit/-Remaining/-Reset;
 * a refusal is a 429 problem with Retry-After, before the resource runs, so it writes nothing. An exclusive
 * costly endpoint runs once at a time per tenant; its run ends when the response has been written.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";
    private static final String RUN = RateLimitFilter.class.getName() + ".run";
    private static final ExclusiveRuns RUNS = new ExclusiveRuns(java.time.Duration.ofMinutes(30));

    @Context
    ResourceInfo resource;

    @Inject
    CallerContext callerContext;

    @Inject
    RateLimiter limiter;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!callerContext.authenticated()) {
            return; // public and operator endpoints
        }
        CostlyEndpoint costly = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(CostlyEndpoint.class);
        Category category = costly != null ? Category.COSTLY : category(request);
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
            return;
        }
        if (costly != null && costly.exclusive()) {
            Object run = RUNS.tryStart(callerContext.caller().tenantId(), resource.getResourceMethod().getName());
            if (run == null) {
                request.abortWith(Response.fromResponse(Problems.response(429, "rate-limited", "Too many requests",
                                "This organisation already runs this operation; retry after " + ExclusiveRuns.RETRY_AFTER_SECONDS + " s."))
                        .header("Retry-After", ExclusiveRuns.RETRY_AFTER_SECONDS)
                        .build());
                return;
            }
            request.setProperty(RUN, run);
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws java.io.IOException {
        try {
            context.proceed();
        } finally {
            Object run = context.getProperty(RUN);
            if (run != null) {
                context.removeProperty(RUN);
                RUNS.finish(run);
            }
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object run = request.getProperty(RUN);
        if (run != null && !response.hasEntity()) {
            request.removeProperty(RUN);
            RUNS.finish(run); // nothing left to write
        }
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
