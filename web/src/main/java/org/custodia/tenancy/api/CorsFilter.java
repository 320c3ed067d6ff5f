package org.custodia.tenancy.api;


import java.util.regex.Pattern;

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

import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Problems;
import org.custodia.platform.context.ApiCaller;
import org.custodia.tenancy.application.SecuritySettings;

/**
 * CORS with a per-tenant allowlist. A preflight carries no credentials, so it cannot know the tenant: it
 * is answered alike for every well-formed origin (answering only origins some tenant allows would tell
 * anyone which origins those are). The real response names the origin only when the caller's own tenant
 * allows it, so a browser on any other origin cannot read the answer, and a console session's writes
 * from a foreign origin are refused ({@link ApiAuthenticationFilter}).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Api-Key, X-Request-Id";
    /** The consent banner's endpoint ({@code ConsentBannerResource}), relative to the API's root. */
    static final String BANNER_PATH = "consents/banner";
    static final String EXPOSED_HEADERS = "X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After";
    /** scheme://host[:port], as browsers send it */
    private static final Pattern ORIGIN = Pattern.compile("https?://([A-Za-z0-9.-]{1,190}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?");

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
        if (!ORIGIN.matcher(origin).matches()) {
            request.abortWith(Problems.response(403, "cors-origin", "Origin not allowed", "The Origin header is not an origin."));
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
        if (callerContext.authenticated() && callerContext.caller().kind() == ApiCaller.Kind.API_KEY
                && BANNER_PATH.equals(request.getUriInfo().getPath().replaceFirst("^/", ""))) {
            // the consent banner runs on the tenant's own sites with a publishable key: any page may read its answer,
            // never with credentials (no cookie goes there), and without the site joining corsOrigins
            headers.putSingle("Access-Control-Allow-Origin", "*");
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            return;
        }
        if (callerContext.authenticated() && settings.of(callerContext.caller().tenantId()).corsOrigins().contains(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Allow-Credentials", "true");
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }
}
