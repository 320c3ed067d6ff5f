package org.custodia.identity.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.custodia.kernel.EmailAddress;
import org.custodia.identity.application.LocalSignIn;
import org.custodia.identity.application.OidcSignIn;
import org.custodia.identity.application.UserService;
import org.custodia.identity.application.UserSessions;
import org.custodia.identity.domain.TotpQrCode;
import org.custodia.platform.context.ApiCaller;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.api.AuthenticatedEndpoint;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Problems;
import org.custodia.platform.api.PublicEndpoint;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequestIdFilter;
import org.custodia.platform.api.SecretBearingResponse;
import org.custodia.platform.api.SessionCookie;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.CalendarSettings;

/**
 * Signing in and out: local accounts (password, TOTP or a recovery code), single sign-on by
 * authorization code + PKCE, invitations, password reset and email verification by single-use links.
 * The console's session lives in an HttpOnly, Secure, SameSite=Lax cookie ({@link SessionCookie}).
 */
@Path("/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    static final String LOGIN_COOKIE = "custodia_oidc_login";
    static final int LOGIN_COOKIE_SECONDS = 600;
    /** The device cookie (OWASP device cookies): a browser the account signed in from before. */
    static final String DEVICE_COOKIE = "custodia_device";

    public record SignInRequest(String tenant, String email, String password, String totpCode, String recoveryCode) {
    }

    public record TokenAndPassword(String token, String password, String displayName) {
    }

    public record ResetRequest(String tenant, String email) {
    }

    public record TokenOnly(String token) {
    }

    public record CodeOnly(String code) {
    }

    @Inject
    LocalSignIn localSignIn;

    @Inject
    OidcSignIn oidcSignIn;

    @Inject
    UserService users;

    @Inject
    CallerContext callerContext;

    @Inject
    SignInThrottle throttle;

    @Inject
    org.custodia.identity.application.AccountLinks links;

    @Inject
    org.custodia.tenancy.application.TenantService tenants;

    @Context
    HttpServletRequest http;

    @Inject
    CalendarSettings calendars;

    @POST
    @Path("/login")
    @PublicEndpoint
    public Response login(SignInRequest body, @CookieParam(DEVICE_COOKIE) String deviceToken) {
        throttled(body == null ? null : body.tenant());
        RequestBodies.required(body);
        LocalSignIn.Outcome outcome = localSignIn.signIn(body.tenant(), body.email(), body.password(), blankToNull(body.totpCode()),
                blankToNull(body.recoveryCode()), deviceToken, RequestIdFilter.currentRequestId());
        if (outcome instanceof LocalSignIn.SignedIn s) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("userId", s.userId().toString());
            view.put("tenantId", s.tenantId().toString());
            view.put("role", s.role());
            view.put("expiresAt", s.session().expiresAt().toString());
            view.put("mfaEnrolmentRequired", s.session().mfaPending());
            return Response.ok(view).cookie(sessionCookie(s.session().token(), UserSessions.LIFETIME.toSeconds()),
                    deviceCookie(s.deviceToken())).build();
        }
        if (outcome instanceof LocalSignIn.BackingOff b) {
            long seconds = Math.max(1, b.retryAfter().toSeconds());
            throw ProblemException.tooManyRequests("sign-in-backoff", "Too many failed sign-ins",
                    "This account had too many failed sign-ins; try again in " + seconds + " s.", seconds);
        }
        if (outcome instanceof LocalSignIn.MfaRequired) {
            return Problems.response(401, "mfa-required", "Second factor required",
                    "Send the current code of your authenticator app as totpCode, or a recovery code as recoveryCode.");
        }
        return Problems.response(401, "invalid-credentials", "Sign-in failed", "Organisation, email or password is wrong.");
    }

    @POST
    @Path("/logout")
    @AuthenticatedEndpoint
    public Response logout() {
        ApiCaller caller = callerContext.caller();
        if (caller.kind() != ApiCaller.Kind.SESSION) {
            throw ProblemException.conflict("session", "only a console session signs out; API keys are revoked instead");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        oidcSignIn.signOut(caller).ifPresent(u -> view.put("endSessionUrl", u.toString()));
        return Response.ok(view).cookie(sessionCookie("", 0)).build();
    }

    @POST
    @Path("/session/refresh")
    @AuthenticatedEndpoint
    public Map<String, Object> refresh() {
        ApiCaller caller = callerContext.caller();
        if (caller.kind() != ApiCaller.Kind.SESSION) {
            throw ProblemException.conflict("session", "only a console session can be refreshed");
        }
        return Map.of("expiresAt", oidcSignIn.refresh(caller, RequestIdFilter.currentRequestId()).toString());
    }

    @GET
    @Path("/me")
    @AuthenticatedEndpoint
    public Map<String, Object> me() {
        ApiCaller c = callerContext.caller();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", c.kind().name());
        view.put("principal", c.principal());
        view.put("tenantId", c.tenantId().toString());
        view.put("role", c.role());
        view.put("permissions", c.permissions().stream().sorted().toList());
        view.put("mfaEnrolmentRequired", c.mfaPending());
        view.put("expiresAt", c.expiresAt() == null ? null : c.expiresAt().toString());
        view.put("timeZone", calendars.of(c.tenantId()).timeZone().getId()); // the console shows dates in it
        if (c.kind() != ApiCaller.Kind.API_KEY) { // a person: how they sign in, so the console offers only what applies
            users.find(c.tenantId(), c.callerId()).ifPresent(u -> {
                view.put("email", u.email());
                view.put("signIn", u.passwordHash() == null ? "sso" : "password"); // a linked account keeps its password
                view.put("mfa", u.totpEnabled());
            });
        }
        return view;
    }

    @POST
    @Path("/mfa/totp")
    @AuthenticatedEndpoint
    @SecretBearingResponse
    public Response startTotp() {
        LocalSignIn.Enrolment e = localSignIn.startTotp(callerContext.caller());
        TotpQrCode qr = TotpQrCode.of(e.otpauthUri());
        return Response.status(201).entity(Map.of("secret", e.secret(), "otpauthUri", e.otpauthUri(),
                "qr", Map.of("size", qr.size(), "path", qr.path()))).build();
    }

    @POST
    @Path("/mfa/totp/confirm")
    @AuthenticatedEndpoint
    @SecretBearingResponse
    public Map<String, Object> confirmTotp(CodeOnly body) {
        RequestBodies.required(body);
        return Map.of("recoveryCodes", localSignIn.confirmTotp(callerContext.caller(), body.code()),
                "note", "Each recovery code works once. They are shown only now.");
    }

    @POST
    @Path("/invitations/accept")
    @PublicEndpoint
    public Map<String, Object> acceptInvitation(TokenAndPassword body) {
        throttled();
        RequestBodies.required(body);
        var user = links.acceptInvitation(body.token(), body.password(), body.displayName(), RequestIdFilter.currentRequestId());
        return Map.of("userId", user.id().toString(), "status", user.status().name());
    }

    @POST
    @Path("/password-reset")
    @PublicEndpoint
    public Response requestReset(ResetRequest body) {
        throttled(body == null ? null : body.tenant());
        RequestBodies.required(body);
        if (!EmailAddress.valid(body.email())) {
            throw ProblemException.invalid("email", "must be an email address"); // the same for every organisation
        }
        java.util.UUID tenant = tenants.idOfSlug(body.tenant());
        if (tenant != null) {
            // asynchronous: a known address answers as fast as an unknown one
            users.requestPasswordReset(tenant, body.email(), RequestIdFilter.currentRequestId());
        }
        return Response.accepted(Map.of("detail", "If the address belongs to an account, a reset link is on its way.")).build();
    }

    @POST
    @Path("/password-reset/confirm")
    @PublicEndpoint
    public Response confirmReset(TokenAndPassword body) {
        throttled();
        RequestBodies.required(body);
        links.resetPassword(body.token(), body.password(), RequestIdFilter.currentRequestId());
        return Response.noContent().build();
    }

    @POST
    @Path("/email-verification/confirm")
    @PublicEndpoint
    public Map<String, Object> confirmEmail(TokenOnly body) {
        throttled();
        RequestBodies.required(body);
        var user = links.confirmEmail(body.token(), RequestIdFilter.currentRequestId());
        return Map.of("userId", user.id().toString(), "emailVerifiedAt", user.emailVerifiedAt().toString());
    }

    public record LinkConfirmation(String token, String totpCode, String recoveryCode) {
    }

    /** The owner of an existing account lets a single sign-on identity use it (the link from the mail; TOTP if enabled). */
    @POST
    @Path("/sso-link/confirm")
    @PublicEndpoint
    public Map<String, Object> confirmSsoLink(LinkConfirmation body) {
        throttled();
        RequestBodies.required(body);
        java.util.UUID userId = links.confirmSsoLink(body.token(), blankToNull(body.totpCode()), blankToNull(body.recoveryCode()),
                RequestIdFilter.currentRequestId());
        return Map.of("userId", userId.toString(), "linked", true);
    }

    /** The link mailed to the old address after an email change: restores it and ends every session. */
    @POST
    @Path("/email-change/undo")
    @PublicEndpoint
    public Map<String, Object> undoEmailChange(TokenOnly body) {
        throttled();
        RequestBodies.required(body);
        var user = links.undoEmailChange(body.token(), RequestIdFilter.currentRequestId());
        return Map.of("userId", user.id().toString(), "detail", "The previous address is restored; every session has ended.");
    }

    @GET
    @Path("/oidc/{tenant}/login")
    @PublicEndpoint
    public Response oidcLogin(@PathParam("tenant") String tenant, @QueryParam("returnTo") String returnTo) {
        throttled(tenant);
        OidcSignIn.Started started = oidcSignIn.start(tenant, returnTo);
        return Response.seeOther(started.authorizationUrl()).cookie(loginCookie(tenant, started.state(), LOGIN_COOKIE_SECONDS)).build();
    }

    @GET
    @Path("/oidc/{tenant}/callback")
    @PublicEndpoint
    public Response oidcCallback(@PathParam("tenant") String tenant, @QueryParam("code") String code,
                                 @QueryParam("state") String state, @QueryParam("error") String error,
                                 @CookieParam(LOGIN_COOKIE) String browserState) {
        throttled();
        if (error != null) {
            String errorCode = error.replaceAll("[^A-Za-z0-9_.-]", ""); // an OAuth error code, never echoed raw
            throw new ProblemException(401, "identity-provider", "Sign-in refused by the identity provider",
                    "The identity provider answered: " + errorCode.substring(0, Math.min(errorCode.length(), 64)), List.of());
        }
        OidcSignIn.Completed done = oidcSignIn.callback(tenant, code, state, browserState, RequestIdFilter.currentRequestId());
        // absolute: a relative Location would be resolved against the API's base (/api/v1/console/...)
        return Response.seeOther(URI.create(PublicUrl.base() + done.returnTo()))
                .cookie(sessionCookie(done.session().token(), UserSessions.LIFETIME.toSeconds()), loginCookie(tenant, "", 0)).build();
    }

    /** Binds an SSO sign-in's state to the browser that started it (login CSRF); only the callback path sees it. */
    static NewCookie loginCookie(String tenant, String state, int maxAgeSeconds) {
        return new NewCookie.Builder(LOGIN_COOKIE).value(state).path("/api/v1/auth/oidc/" + tenant + "/")
                .httpOnly(true).secure(true).sameSite(NewCookie.SameSite.LAX).maxAge(maxAgeSeconds).build();
    }

    /** Sent back only to the sign-in endpoint, never cross-site, never to scripts; valid as long as the device is trusted. */
    static NewCookie deviceCookie(String token) {
        return new NewCookie.Builder(DEVICE_COOKIE).value(token).path("/api/v1/auth/login")
                .httpOnly(true).secure(true).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) org.custodia.identity.application.TrustedDevices.LIFETIME.toSeconds()).build();
    }

    static NewCookie sessionCookie(String value, long maxAgeSeconds) {
        return SessionCookie.of(value, maxAgeSeconds);
    }

    private void throttled() {
        throttled(null);
    }

    /** Per client address and, when the request names one, per organisation. */
    private void throttled(String tenantSlug) {
        long wait = throttle.consume(http.getRemoteAddr(), java.util.Collections.list(http.getHeaders("X-Forwarded-For")), tenantSlug);
        if (wait > 0) {
            throw ProblemException.tooManyRequests("rate-limited", "Too many requests",
                    "Too many sign-in requests; retry after " + wait + " s.", wait);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
