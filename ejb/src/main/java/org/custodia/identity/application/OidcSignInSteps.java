package org.custodia.identity.application;

import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;

import org.custodia.crypto.application.SealedSecrets;
import org.custodia.identity.infrastructure.OidcLoginRepository;
import org.custodia.identity.infrastructure.SessionRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;

/**
 * The short database steps of {@link OidcSignIn}, each for one tenant and, called from outside a
 * transaction, in a transaction of its own: a login in flight recorded and used once, the person
 * provisioned and signed in, a session's provider tokens read, its end and its extension.
 */
@Stateless
@TenantScoped
public class OidcSignInSteps {

    @Inject
    OidcLoginRepository logins;

    @Inject
    SsoUsers ssoUsers;

    @Inject
    UserSessions sessions;

    @Inject
    SealedSecrets sealed;

    /** Stores a login in flight for {@link OidcSignIn#LOGIN_WINDOW}: the state's hash, the sealed PKCE verifier, nonce and return path. */
    public void recordLogin(@TenantId UUID tenantId, String state, String verifier, String nonce, String returnTo) {
        Instant now = StoredTime.now();
        logins.add(OpaqueToken.hashOf(state), tenantId, sealed.sealText(tenantId, OidcSignIn.VERIFIER_SEAL, verifier), nonce, returnTo,
                now, now.plus(OidcSignIn.LOGIN_WINDOW));
    }

    /** Marks the state used and returns what the login stored with it. */
    public OidcSignIn.PendingLogin useState(@TenantId UUID tenantId, String state) {
        String hash = OpaqueToken.hashOf(state);
        OidcLoginRepository.LockedLogin login = logins.lock(hash)
                .filter(l -> l.state().refusalAt(Instant.now()).isEmpty())
                .orElseThrow(() -> ProblemException.invalid("state", "is unknown, used or expired; start the sign-in again"));
        logins.markUsed(hash, StoredTime.now());
        return new OidcSignIn.PendingLogin(sealed.sealedText(login.verifierSealed(), tenantId, OidcSignIn.VERIFIER_SEAL), login.nonce(),
                login.returnTo());
    }

    /**
     * The person is known to the provider: provision or find the user and open a session, in one transaction.
     * Null when an existing account waits for its owner to confirm the link (nothing else happened).
     */
    public UserSessions.Opened signIn(@TenantId UUID tenantId, String issuer, IDTokenClaimsSet idClaims, String role, String refreshToken,
                                      String idToken, String requestId) {
        Object verified = idClaims.getClaim("email_verified");
        SsoUsers.Outcome outcome = ssoUsers.provision(tenantId, issuer, idClaims.getSubject().getValue(),
                idClaims.getStringClaim("email"), Boolean.TRUE.equals(verified), role, requestId);
        if (!(outcome instanceof SsoUsers.Provisioned provisioned)) {
            return null;
        }
        UUID userId = provisioned.userId();
        ssoUsers.signedIn(tenantId, userId, requestId);
        return sessions.open(tenantId, userId, UserSessions.Method.OIDC, true,
                refreshToken == null ? null : sealed.sealText(tenantId, OidcSignIn.REFRESH_SEAL, refreshToken),
                sealed.sealText(tenantId, OidcSignIn.ID_TOKEN_SEAL, idToken));
    }

    /** The session's method and provider tokens (opened), or null when it has ended; revokes it first when asked. */
    public OidcSignIn.SessionTokens sessionTokens(@TenantId UUID tenantId, UUID sessionId, boolean revoke) {
        var details = sessions.tokens(tenantId, sessionId);
        if (revoke) {
            sessions.revoke(tenantId, sessionId);
        }
        if (details.isEmpty()) {
            return null;
        }
        byte[] refresh = details.get().refreshSealed();
        byte[] idToken = details.get().idTokenSealed();
        return new OidcSignIn.SessionTokens(details.get().method(),
                refresh == null || refresh.length == 0 ? null : sealed.sealedText(refresh, tenantId, OidcSignIn.REFRESH_SEAL),
                idToken == null || idToken.length == 0 ? null : sealed.sealedText(idToken, tenantId, OidcSignIn.ID_TOKEN_SEAL));
    }

    public void endSession(@TenantId UUID tenantId, UUID sessionId) {
        sessions.revoke(tenantId, sessionId);
    }

    public Instant extendSession(@TenantId UUID tenantId, UUID sessionId, String newRefreshToken) {
        return sessions.extend(tenantId, sessionId,
                newRefreshToken == null ? null : sealed.sealText(tenantId, OidcSignIn.REFRESH_SEAL, newRefreshToken));
    }
}
