package org.custodia.identity.api;

import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.custodia.identity.application.ApiKeyAuthenticator;
import org.custodia.identity.application.ApiKeyService;
import org.custodia.identity.application.BearerTokens;
import org.custodia.identity.application.SessionAuthenticator;
import org.custodia.platform.api.AuthenticatedEndpoint;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.ConfiguredSecret;
import org.custodia.platform.api.PlatformAdminEndpoint;
import org.custodia.platform.api.Problems;
import org.custodia.platform.api.PublicEndpoint;
import org.custodia.platform.api.RequestIdFilter;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.api.SessionCookie;
import org.custodia.platform.api.StateChangingRead;
import org.custodia.platform.config.Setting;
import org.custodia.platform.context.ApiCaller;
import org.custodia.platform.context.PublicUrl;
import org.custodia.tenancy.application.SecuritySettings;
import org.jboss.logging.MDC;

/**
 * Every endpoint needs credentials unless marked {@link PublicEndpoint}. Three kinds fix the tenant: an
 * API key ({@code Authorization: Bearer cus_...} or {@code X-Api-Key}), a JWT from the tenant's
 * identity provider ({@code Authorization: Bearer ey...}), or the console's session cookie.
 * {@link PlatformAdminEndpoint}s take the installation's admin token instead.
 */
@Provider
@Priority(Priorities.AUTHENTICATION) // authorisation too: one filter decides who and whether
public class ApiAuthenticationFilter implements ContainerRequestFilter {

    /** The session cookie's name in development; see {@link SessionCookie#name()}. */
    public static final String SESSION_COOKIE = SessionCookie.PLAIN_NAME;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    ResourceInfo resource;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    CallerContext callerContext;

    @Inject
    ApiKeyAuthenticator authenticator;

    @Inject
    SessionAuthenticator sessions;

    @Inject
    BearerTokens bearerTokens;

    @Inject
    SecuritySettings securitySettings;

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
        Cookie session = request.getCookies().get(SessionCookie.name());
        Optional<ApiCaller> caller;
        if (presented != null) {
            caller = BearerTokens.looksLikeJwt(presented)
                    ? bearerTokens.authenticate(presented, RequestIdFilter.currentRequestId())
                    : authenticator.authenticate(presented);
        } else if (session != null) {
            caller = sessions.authenticate(session.getValue());
        } else {
            caller = Optional.empty();
        }
        if (caller.isEmpty()) {
            request.abortWith(unauthorized("A valid API key, identity-provider token or session is required."));
            return;
        }
        ApiCaller c = caller.get();
        boolean changesState = !SAFE_METHODS.contains(request.getMethod()) || marked(StateChangingRead.class);
        if (c.kind() == ApiCaller.Kind.SESSION && changesState && !trustedOrigin(request, c)) {
            // SameSite=Lax already keeps the cookie off cross-site posts (not off top-level GETs); this also covers older browsers
            request.abortWith(forbidden("A console session may change data only from this site or an allowed origin."));
            return;
        }
        callerContext.authenticated(c);
        if (c.kind() == ApiCaller.Kind.API_KEY && ApiKeyService.touchDue(c.callerId())) {
            apiKeys.touch(c.tenantId(), c.callerId());
        }
        MDC.put("tenantId", c.tenantId().toString());
        MDC.put("principal", c.principal());
        if (c.isUser()) {
            MDC.put("userId", c.callerId().toString());
        }
        if (marked(AuthenticatedEndpoint.class)) {
            return;
        }
        RequiresPermission required = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RequiresPermission.class);
        if (required == null) {
            // an endpoint that forgot to declare its permission is closed, not open
            request.abortWith(forbidden("This endpoint declares no permission."));
        } else if (c.mfaPending()) {
            request.abortWith(Problems.response(403, "mfa-enrolment-required", "MFA enrolment required",
                    "Your organisation requires multi-factor authentication: enrol with POST /api/v1/auth/mfa/totp first."));
        } else if (!c.may(required.value())) {
            request.abortWith(forbidden("This needs the permission '" + required.value() + "', which role "
                    + c.role() + " does not have."));
        }
    }

    /**
     * Whether a request of a console session comes from this site or an origin its tenant allows. A
     * browser that says the request is cross-site or same-site (Sec-Fetch-Site) must also name an
     * allowed Origin: a top-level cross-site GET carries the cookie but no Origin.
     */
    private boolean trustedOrigin(ContainerRequestContext request, ApiCaller caller) {
        String origin = request.getHeaderString("Origin");
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (origin == null) {
            return site == null || "same-origin".equals(site) || "none".equals(site);
        }
        return origin.equals(PublicUrl.origin()) || securitySettings.of(caller.tenantId()).corsOrigins().contains(origin);
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
        String configured = Setting.ADMIN_TOKEN.text();
        if (configured == null || configured.length() < 16) {
            return false; // no admin token configured: tenant bootstrap over HTTP is off
        }
        return ConfiguredSecret.matches(configured, presented);
    }

    private static jakarta.ws.rs.core.Response unauthorized(String detail) {
        return jakarta.ws.rs.core.Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
