package org.custodia.identity.application;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.identity.domain.OidcSettings;
import org.custodia.identity.infrastructure.OidcProviders;
import org.custodia.platform.context.ApiCaller;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.problem.ProblemException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

/**
 * Console sign-in through the tenant's identity provider: authorization code with PKCE (S256), state
 * and nonce kept server-side for ten minutes, the ID token verified against the provider's JWKS, the
 * user provisioned just in time, a session cookie issued. Refresh uses the provider's refresh token;
 * sign-out ends the session and returns the provider's end-session URL. The organisation comes from its
 * slug (or the signed-in caller); every step that talks to the provider runs outside a transaction, and
 * the short database steps run in {@link OidcSignInSteps}, each in a transaction of its own for that tenant.
 */
@Stateless
public class OidcSignIn {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(OidcSignIn.class);

    static final Duration LOGIN_WINDOW = Duration.ofMinutes(10);
    static final String VERIFIER_SEAL = "oidc-pkce";
    static final String REFRESH_SEAL = "oidc-refresh";
    static final String ID_TOKEN_SEAL = "oidc-id-token";

    public record Completed(UserSessions.Opened session, String returnTo) {
    }

    /** Where to send the browser, and the state it must bring back in the login cookie as well as in the URL. */
    public record Started(URI authorizationUrl, String state) {
    }

    @Inject
    SsoConfiguration sso;

    @Inject
    SsoDirectory directory;

    @Inject
    OidcSignInSteps steps;

    @Inject
    OidcProviders providers;

    @Inject
    org.custodia.tenancy.application.TenantService tenants;

    public static String redirectUri(String tenantSlug) {
        return PublicUrl.base() + "/api/v1/auth/oidc/" + tenantSlug + "/callback";
    }

    /** A login in flight, read back at the callback (the state now used). */
    public record PendingLogin(String codeVerifier, String nonce, String returnTo) {
    }

    /** A session's provider tokens, opened. */
    public record SessionTokens(String method, String refreshToken, String idToken) {
    }

    /**
     * The provider's authorization URL to send the browser to. Every step that talks to the provider runs
     * outside a transaction; only the short database steps open one (in {@link OidcSignInSteps}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Started start(String tenantSlug, String returnTo) {
        if (returnTo != null && (!returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\") || returnTo.length() > 500)) {
            throw ProblemException.invalid("returnTo", "must be a path on this site, such as /console/");
        }
        UUID tenantId = tenantBySlug(tenantSlug);
        OidcSettings settings = settings(tenantId);
        OidcProviders.Provider provider = provider(settings);
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        steps.recordLogin(tenantId, state.getValue(), verifier.getValue(), nonce.getValue(), returnTo == null ? "/" : returnTo);
        return new Started(new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(settings.scopes()),
                new ClientID(settings.clientId()), URI.create(redirectUri(tenantSlug)))
                .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI(), state.getValue());
    }

    /**
     * Completes the code flow; the state is single-use and must equal the login cookie set by {@link #start}
     * in this browser ({@code browserState}), so a callback URL started in another browser (login CSRF) is
     * refused. The token exchange runs between two short transactions.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Completed callback(String tenantSlug, String code, String state, String browserState, String requestId) {
        if (code == null || state == null) {
            throw ProblemException.invalid(code == null ? "code" : "state", "is missing from the provider's redirect");
        }
        if (browserState == null || !java.security.MessageDigest.isEqual(browserState.getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.invalid("state", "was not started in this browser; start the sign-in again");
        }
        UUID tenantId = tenantBySlug(tenantSlug);
        OidcSettings settings = settings(tenantId);
        PendingLogin login = steps.useState(tenantId, state);
        OIDCTokenResponse tokens = exchange(tenantId, settings, new AuthorizationCodeGrant(new AuthorizationCode(code),
                URI.create(redirectUri(tenantSlug)), new CodeVerifier(login.codeVerifier())));
        IDTokenClaimsSet idClaims = validate(settings, tokens.getOIDCTokens().getIDToken(), new Nonce(login.nonce()));
        String role = settings.roleFor(claimsOf(idClaims)).orElseThrow(() -> new ProblemException(403, "no-role",
                "No role", "Your identity provider maps you to no Custodia role (claim " + settings.roleClaim() + ").", List.of()));
        RefreshToken refresh = tokens.getOIDCTokens().getRefreshToken();
        UserSessions.Opened session = steps.signIn(tenantId, settings.issuer(), idClaims, role,
                refresh == null ? null : refresh.getValue(), tokens.getOIDCTokens().getIDTokenString(), requestId);
        if (session == null) {
            throw SsoUsers.linkPending(); // after the request for the owner's confirmation was committed
        }
        return new Completed(session, login.returnTo());
    }

    /** Extends a session; an SSO session asks the provider first (outside a transaction), which may have ended it. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Instant refresh(ApiCaller caller, String requestId) {
        SessionTokens details = steps.sessionTokens(caller.tenantId(), caller.sessionId(), false);
        if (details == null) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "The session has ended.", List.of());
        }
        String newRefresh = null;
        if ("OIDC".equals(details.method())) {
            if (details.refreshToken() == null) {
                throw ProblemException.conflict("session", "the identity provider issued no refresh token; sign in again");
            }
            OidcSettings settings = settings(caller.tenantId());
            OIDCTokenResponse tokens;
            try {
                tokens = exchange(caller.tenantId(), settings, new RefreshTokenGrant(new RefreshToken(details.refreshToken())));
            } catch (ProblemException refused) {
                steps.endSession(caller.tenantId(), caller.sessionId());
                throw new ProblemException(401, "unauthorized", "Unauthorized",
                        "The identity provider no longer accepts this session; sign in again.", List.of());
            }
            if (tokens.getOIDCTokens().getRefreshToken() != null) {
                newRefresh = tokens.getOIDCTokens().getRefreshToken().getValue();
            }
        }
        return steps.extendSession(caller.tenantId(), caller.sessionId(), newRefresh);
    }

    /** Ends the session; for SSO sessions, the provider's end-session URL (RP-initiated logout), if it has one. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<URI> signOut(ApiCaller caller) {
        SessionTokens details = steps.sessionTokens(caller.tenantId(), caller.sessionId(), true);
        if (details == null || !"OIDC".equals(details.method())) {
            return Optional.empty();
        }
        OidcSettings settings = directory.settingsOf(caller.tenantId()).orElse(null);
        if (settings == null) {
            return Optional.empty();
        }
        try {
            URI endSession = providers.provider(settings.issuer()).metadata().getEndSessionEndpointURI();
            if (endSession == null) {
                return Optional.empty();
            }
            JWT hint = details.idToken() == null ? null : JWTParser.parse(details.idToken());
            return Optional.of(new LogoutRequest(endSession, hint, URI.create(PublicUrl.base() + "/"), null).toURI());
        } catch (IOException | java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private OIDCTokenResponse exchange(UUID tenantId, OidcSettings settings, AuthorizationGrant grant) {
        try {
            URI tokenEndpoint = provider(settings).metadata().getTokenEndpointURI();
            String secret = settings.confidential() ? sso.clientSecret(tenantId) : null;
            TokenRequest request = secret == null
                    ? new TokenRequest(tokenEndpoint, new ClientID(settings.clientId()), grant)
                    : new TokenRequest(tokenEndpoint, new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(secret)), grant);
            var response = OIDCTokenResponseParser.parse(providers.send(request.toHTTPRequest()));
            if (!response.indicatesSuccess()) {
                var error = response.toErrorResponse().getErrorObject();
                throw new ProblemException(502, "identity-provider", "Identity provider refused",
                        "The identity provider refused the request: " + error.getCode(), List.of());
            }
            return (OIDCTokenResponse) response.toSuccessResponse();
        } catch (IOException | ParseException e) {
            LOG.warnf("token request to the identity provider of tenant %s failed: %s", tenantId, e.getMessage());
            throw unreachable();
        }
    }

    private IDTokenClaimsSet validate(OidcSettings settings, JWT idToken, Nonce nonce) {
        try {
            IDTokenValidator validator = new IDTokenValidator(new Issuer(settings.issuer()), new ClientID(settings.clientId()),
                    provider(settings).keySelector(), null);
            return validator.validate(idToken, nonce);
        } catch (BadJOSEException | JOSEException e) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "The identity provider's ID token is not valid.", List.of());
        }
    }

    private static java.util.Map<String, Object> claimsOf(IDTokenClaimsSet idClaims) {
        try {
            return idClaims.toJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "The identity provider's ID token is not valid.", List.of());
        }
    }

    private OidcProviders.Provider provider(OidcSettings settings) {
        try {
            return providers.provider(settings.issuer());
        } catch (IOException e) {
            throw unreachable();
        }
    }

    /** One answer for every network failure: the detail is in the log, never in the response. */
    static ProblemException unreachable() {
        return new ProblemException(502, "identity-provider", "Identity provider unreachable",
                "The identity provider could not be reached.", List.of());
    }

    private OidcSettings settings(UUID tenantId) {
        return directory.settingsOf(tenantId).orElseThrow(OidcSignIn::noSingleSignOn);
    }

    private UUID tenantBySlug(String slug) {
        UUID tenant = tenants.idOfSlug(slug);
        if (tenant == null) {
            throw noSingleSignOn();
        }
        return tenant;
    }

    /** One answer for an unknown organisation and for one without single sign-on: no oracle of which slugs exist. */
    private static ProblemException noSingleSignOn() {
        return ProblemException.notFound("Single sign-on for this organisation");
    }
}
