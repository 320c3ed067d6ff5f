package org.custodia.identity.domain;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.custodia.platform.problem.ProblemException;

/**
 * How a person the identity provider vouches for meets the accounts of a tenant. An account with the same
 * address is never taken over on the provider's word: it must be an unlinked, enabled account, the provider
 * must vouch for the address, and then only its owner links it (by the mailed link, with the account's
 * second factor). A user the provider provisioned follows the provider's role; a linked local account keeps its own.
 */
public final class SsoAccountRules {

    private SsoAccountRules() {
    }

    /** An existing account has the address the provider reports: whether its owner may be asked to link it. */
    public static void requireLinkRequestable(UserAccount sameAddress, boolean emailVerified) {
        if (!emailVerified || sameAddress.oidcSubject() != null) {
            throw new ProblemException(409, "account-conflict", "Account conflict",
                    "An account with this address exists and the identity provider does not vouch for the address.", List.of());
        }
        requireEnabled(sameAddress);
    }

    public static void requireEnabled(UserAccount user) {
        if (user.status() == UserAccount.Status.DISABLED) {
            throw new ProblemException(403, "account-disabled", "Account disabled", "This account is disabled in Custodia.", List.of());
        }
    }

    /** Whether the user's role changes to the provider's {@code claimRole} (only for users the provider provisioned). */
    public static boolean roleFollowsProvider(UserAccount user, String claimRole) {
        return user.roleFromIdp() && !claimRole.equals(user.role());
    }

    /**
     * The owner confirms a link: the account is enabled and unlinked, the identity has no account of its own
     * (asked only then), and an account with TOTP brings a code ({@code codeGiven}).
     */
    public static void requireLinkable(UserAccount user, BooleanSupplier identityHasAccount, boolean codeGiven) {
        requireEnabled(user);
        if (user.oidcSubject() != null) {
            throw ProblemException.conflict("token", "this account is already linked to a single sign-on identity");
        }
        if (identityHasAccount.getAsBoolean()) {
            throw ProblemException.conflict("token", "this single sign-on identity already has an account");
        }
        if (user.totpEnabled() && !codeGiven) {
            throw new ProblemException(401, "mfa-required", "Second factor required",
                    "This account uses an authenticator app: send its current code as totpCode (or a recovery code as recoveryCode).",
                    List.of());
        }
    }
}
