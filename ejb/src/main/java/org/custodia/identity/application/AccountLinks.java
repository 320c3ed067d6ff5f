package org.custodia.identity.application;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.identity.domain.UserAccount;
import org.custodia.identity.infrastructure.SsoLinkRepository;
import org.custodia.identity.infrastructure.UserTokenRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.problem.ProblemException;

/**
 * Account actions that arrive by a mailed link (accepting an invitation, resetting a password, confirming or
 * undoing an email change, confirming a single sign-on link). Nobody is signed in: the link's token names the
 * tenant, found through a SECURITY DEFINER function before any tenant is bound; the tenant's services then
 * redeem the token (once) and do the work, in the same transaction. Not tenant work itself.
 */
@Stateless
public class AccountLinks {

    @Inject
    UserTokenRepository userTokens;

    @Inject
    SsoLinkRepository ssoLinks;

    @Inject
    UserService users;

    @Inject
    SsoUsers ssoUsers;

    public UserAccount acceptInvitation(String token, String password, String displayName, String requestId) {
        return users.acceptInvitation(tenantOf(token, UserTokens.PREFIX, userTokens::tenantOf), token, password, displayName, requestId);
    }

    public void resetPassword(String token, String password, String requestId) {
        users.resetPassword(tenantOf(token, UserTokens.PREFIX, userTokens::tenantOf), token, password, requestId);
    }

    public UserAccount confirmEmail(String token, String requestId) {
        return users.confirmEmail(tenantOf(token, UserTokens.PREFIX, userTokens::tenantOf), token, requestId);
    }

    public UserAccount undoEmailChange(String token, String requestId) {
        return users.undoEmailChange(tenantOf(token, UserTokens.PREFIX, userTokens::tenantOf), token, requestId);
    }

    /** The owner lets a single sign-on identity use the account (the token from the mail, and a second factor if enabled). */
    public UUID confirmSsoLink(String token, String totpCode, String recoveryCode, String requestId) {
        return ssoUsers.confirmLink(tenantOf(token, SsoUsers.LINK_PREFIX, ssoLinks::tenantOf), token, totpCode, recoveryCode, requestId);
    }

    /** The tenant a well-formed, known token belongs to; one refusal for every other token. */
    static UUID tenantOf(String token, String prefix, Function<String, Optional<UUID>> resolver) {
        if (!OpaqueToken.wellFormed(token, prefix)) {
            throw invalid();
        }
        return resolver.apply(OpaqueToken.hashOf(token)).orElseThrow(AccountLinks::invalid);
    }

    static ProblemException invalid() {
        return ProblemException.invalid("token", "is not a valid link token");
    }
}
