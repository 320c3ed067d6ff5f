package org.custodia.identity.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

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

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.kernel.EmailAddress;
import org.custodia.identity.application.LocalSignIn;
import org.custodia.identity.application.OidcSignIn;
import org.custodia.identity.application.UserService;
import org.custodia.identity.application.UserSessions;
import org.custodia.identity.domain.TotpQrCode;
import org.custodia.identity.domain.UserAccount;
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

import com.fasterxml.jackson.annotation.JsonInclude;

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

    // The answers. Optional keys are left out, not null (JsonInclude on those components only).

    public record SignedIn(String userId, String tenantId, String role, String expiresAt,
                           @Schema(description = "The tenant requires MFA and this account must set it up first")
                           boolean mfaEnrolmentRequired) {
    }

    public record SignedOut(@JsonInclude(JsonInclude.Include.NON_NULL)
                            @Schema(description = "The identity provider's sign-out address, after a single sign-on session")
                            String endSessionUrl) {
    }

    public record SessionExpiry(String expiresAt) {
    }

    /** {@code email}, {@code signIn} and {@code mfa} only for a person (not an API key). */
    public record Me(@Schema(description = "API_KEY, SESSION or BEARER_TOKEN") String kind, String principal, String tenantId,
                     String role, List<String> permissions, boolean mfaEnrolmentRequired, String expiresAt,
                     @Schema(description = "The tenant's time zone (IANA id)") String timeZone,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String email,
                     @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "sso or password") String signIn,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Boolean mfa) {
    }

    public record TotpEnrolment(String secret, String otpauthUri, TotpQrCode qr) {
    }

    public record RecoveryCodes(List<String> recoveryCodes, String note) {
    }

    public record InvitationAccepted(String userId, String status) {
    }

    public record ResetRequested(String detail) {
    }

    public record EmailConfirmed(String userId, String emailVerifiedAt) {
    }

    public record SsoLinked(String userId, boolean linked) {
    }

    public record EmailChangeUndone(String userId, String detail) {
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
    @APIResponse(responseCode = "200", description = "Signed in: the session cookie is set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignedIn.class)))
    @APIResponse(responseCode = "401", description = "Wrong or unknown credentials, or a second factor is needed")
    public Response login(SignInRequest body, @CookieParam(DEVICE_COOKIE) String deviceToken) {
        throttled(body == null ? null : body.tenant());
        RequestBodies.required(body);
        LocalSignIn.Outcome outcome = localSignIn.signIn(body.tenant(), body.email(), body.password(), blankToNull(body.totpCode()),
                blankToNull(body.recoveryCode()), deviceToken, RequestIdFilter.currentRequestId());
        if (outcome instanceof LocalSignIn.SignedIn s) {
            SignedIn view = new SignedIn(s.userId().toString(), s.tenantId().toString(), s.role(),
                    s.session().expiresAt().toString(), s.session().mfaPending());
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
    @APIResponse(responseCode = "200", description = "Signed out: the session cookie is cleared",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignedOut.class)))
    public Response logout() {
        ApiCaller caller = callerContext.caller();
        if (caller.kind() != ApiCaller.Kind.SESSION) {
            throw ProblemException.conflict("session", "only a console session signs out; API keys are revoked instead");
        }
        SignedOut view = new SignedOut(oidcSignIn.signOut(caller).map(Object::toString).orElse(null));
        return Response.ok(view).cookie(sessionCookie("", 0)).build();
    }

    @POST
    @Path("/session/refresh")
    @AuthenticatedEndpoint
    public SessionExpiry refresh() {
        ApiCaller caller = callerContext.caller();
        if (caller.kind() != ApiCaller.Kind.SESSION) {
            throw ProblemException.conflict("session", "only a console session can be refreshed");
        }
        return new SessionExpiry(oidcSignIn.refresh(caller, RequestIdFilter.currentRequestId()).toString());
    }

    @GET
    @Path("/me")
    @AuthenticatedEndpoint
    public Me me() {
        ApiCaller c = callerContext.caller();
        // a person: how they sign in, so the console offers only what applies
        Optional<UserAccount> person = c.kind() == ApiCaller.Kind.API_KEY ? Optional.empty() : users.find(c.tenantId(), c.callerId());
        return new Me(c.kind().name(), c.principal(), c.tenantId().toString(), c.role(), c.permissions().stream().sorted().toList(),
                c.mfaPending(), c.expiresAt() == null ? null : c.expiresAt().toString(),
                calendars.of(c.tenantId()).timeZone().getId(), // the console shows dates in it
                person.map(UserAccount::email).orElse(null),
                person.map(u -> u.passwordHash() == null ? "sso" : "password").orElse(null), // a linked account keeps its password
                person.map(UserAccount::totpEnabled).orElse(null));
    }

    @POST
    @Path("/mfa/totp")
    @AuthenticatedEndpoint
    @SecretBearingResponse
    @APIResponse(responseCode = "201", description = "The secret for an authenticator app (and its QR code); confirm with a code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TotpEnrolment.class)))
    public Response startTotp() {
        LocalSignIn.Enrolment e = localSignIn.startTotp(callerContext.caller());
        return Response.status(201).entity(new TotpEnrolment(e.secret(), e.otpauthUri(), TotpQrCode.of(e.otpauthUri()))).build();
    }

    @POST
    @Path("/mfa/totp/confirm")
    @AuthenticatedEndpoint
    @SecretBearingResponse
    public RecoveryCodes confirmTotp(CodeOnly body) {
        RequestBodies.required(body);
        return new RecoveryCodes(localSignIn.confirmTotp(callerContext.caller(), body.code()),
                "Each recovery code works once. They are shown only now.");
    }

    @POST
    @Path("/invitations/accept")
    @PublicEndpoint
    public InvitationAccepted acceptInvitation(TokenAndPassword body) {
        throttled();
        RequestBodies.required(body);
        var user = links.acceptInvitation(body.token(), body.password(), body.displayName(), RequestIdFilter.currentRequestId());
        return new InvitationAccepted(user.id().toString(), user.status().name());
    }

    @POST
    @Path("/password-reset")
    @PublicEndpoint
    @APIResponse(responseCode = "202", description = "Accepted, whether or not the address belongs to an account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResetRequested.class)))
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
        return Response.accepted(new ResetRequested("If the address belongs to an account, a reset link is on its way.")).build();
    }

    @POST
    @Path("/password-reset/confirm")
    @PublicEndpoint
    @APIResponse(responseCode = "204", description = "The password is set; the account's sessions have ended")
    public Response confirmReset(TokenAndPassword body) {
        throttled();
        RequestBodies.required(body);
        links.resetPassword(body.token(), body.password(), RequestIdFilter.currentRequestId());
        return Response.noContent().build();
    }

    @POST
    @Path("/email-verification/confirm")
    @PublicEndpoint
    public EmailConfirmed confirmEmail(TokenOnly body) {
        throttled();
        RequestBodies.required(body);
        var user = links.confirmEmail(body.token(), RequestIdFilter.currentRequestId());
        return new EmailConfirmed(user.id().toString(), user.emailVerifiedAt().toString());
    }

    public record LinkConfirmation(String token, String totpCode, String recoveryCode) {
    }

    /** The owner of an existing account lets a single sign-on identity use it (the link from the mail; TOTP if enabled). */
    @POST
    @Path("/sso-link/confirm")
    @PublicEndpoint
    public SsoLinked confirmSsoLink(LinkConfirmation body) {
        throttled();
        RequestBodies.required(body);
        java.util.UUID userId = links.confirmSsoLink(body.token(), blankToNull(body.totpCode()), blankToNull(body.recoveryCode()),
                RequestIdFilter.currentRequestId());
        return new SsoLinked(userId.toString(), true);
    }

    /** The link mailed to the old address after an email change: restores it and ends every session. */
    @POST
    @Path("/email-change/undo")
    @PublicEndpoint
    public EmailChangeUndone undoEmailChange(TokenOnly body) {
        throttled();
        RequestBodies.required(body);
        var user = links.undoEmailChange(body.token(), RequestIdFilter.currentRequestId());
        return new EmailChangeUndone(user.id().toString(), "The previous address is restored; every session has ended.");
    }

    @GET
    @Path("/oidc/{tenant}/login")
    @PublicEndpoint
    @APIResponse(responseCode = "303", description = "To the identity provider's authorization endpoint (the login state in a cookie)",
            headers = @Header(name = "Location", description = "The authorization URL", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "502", description = "The identity provider could not be reached or answered nonsense")
    public Response oidcLogin(@PathParam("tenant") String tenant, @QueryParam("returnTo") String returnTo) {
        throttled(tenant);
        OidcSignIn.Started started = oidcSignIn.start(tenant, returnTo);
        return Response.seeOther(started.authorizationUrl()).cookie(loginCookie(tenant, started.state(), LOGIN_COOKIE_SECONDS)).build();
    }

    @GET
    @Path("/oidc/{tenant}/callback")
    @PublicEndpoint
    @APIResponse(responseCode = "303", description = "Signed in (the session cookie is set): back to the console page that asked",
            headers = @Header(name = "Location", description = "The console address to return to",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "The identity provider refused the sign-in, or its answer did not verify")
    @APIResponse(responseCode = "502", description = "The identity provider could not be reached or answered nonsense")
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
