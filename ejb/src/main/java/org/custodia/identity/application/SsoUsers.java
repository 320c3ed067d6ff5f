package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.kernel.OpaqueToken;
import org.custodia.identity.domain.SingleUseToken;
import org.custodia.identity.domain.SsoAccountRules;
import org.custodia.identity.domain.UserAccount;
import org.custodia.identity.infrastructure.SsoLinkRepository;
import org.custodia.identity.infrastructure.UserRepository;
import org.custodia.notification.application.MailOutbox;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;

/**
 * Just-in-time provisioning: the first verified token of a person creates their user; later tokens keep
 * the role of users the provider provisioned in step with its claim. An existing account with the same
 * address is never linked on the provider's word alone (whoever controls the provider could claim any
 * address): the owner gets a single-use link by mail and confirms it, with a TOTP code when the account
 * has one. A linked local account keeps the role Custodia gave it.
 */
@Stateless
@TenantScoped
public class SsoUsers {

    static final Duration LINK_LIFETIME = Duration.ofHours(24);
    static final String LINK_PREFIX = "cus_l_";

    /** What a sign-in through the provider found. */
    public sealed interface Outcome permits Provisioned, LinkPending {
    }

    /** The user, and the role the session or token acts with. */
    public record Provisioned(UUID userId, String role) implements Outcome {
    }

    /** An account with this address exists and is not linked: its owner was asked to confirm, nothing was linked. */
    public record LinkPending() implements Outcome {
    }

    @Inject
    UserRepository users;

    @Inject
    SsoLinkRepository links;

    @Inject
    AuditTrail audit;

    @Inject
    RolePermissionCache rolePermissions;

    @Inject
    MailOutbox mail;

    @Inject
    SecondFactors secondFactors;

    /** The refusal for {@link LinkPending}, thrown by callers once the request for confirmation is committed. */
    public static ProblemException linkPending() {
        return new ProblemException(409, "account-link-pending", "Confirmation needed",
                "An account with this address exists in Custodia. Its owner must confirm that this single sign-on identity may use it:"
                        + " we sent a link to the account's address. Nothing was linked.", List.of());
    }

    public Outcome provision(@TenantId UUID tenantId, String issuer, String subject, String email, boolean emailVerified, String role,
                             String requestId) {
        Actor sso = Actor.system(tenantId, "sso", requestId);
        UserAccount user = users.bySsoIdentity(issuer, subject);
        if (user == null && email != null) {
            UserAccount sameAddress = users.byEmail(email);
            if (sameAddress != null) {
                SsoAccountRules.requireLinkRequestable(sameAddress, emailVerified);
                requestLink(tenantId, sameAddress, issuer, subject, sso);
                return new LinkPending();
            }
        }
        if (user == null) {
            user = UserAccount.provisioned(tenantId, issuer, subject, emailVerified ? email : null, role, StoredTime.now());
            users.add(user);
            audit.append(sso, "user.provisioned", "user", user.id().toString(), Map.of("issuer", issuer, "role", role));
            return new Provisioned(user.id(), role);
        }
        SsoAccountRules.requireEnabled(user);
        if (SsoAccountRules.roleFollowsProvider(user, role)) {
            // only for users the provider provisioned: the mapping was checked against its author's permissions at save
            audit.append(sso, "user.role_changed", "user", user.id().toString(), Map.of("from", user.role(), "to", role));
            user.assignRole(role);
            rolePermissions.forgetAfterCommit(tenantId);
        }
        return new Provisioned(user.id(), user.role());
    }

    /** One live request per account and identity, so repeated sign-ins send one mail. */
    private void requestLink(UUID tenantId, UserAccount user, String issuer, String subject, Actor sso) {
        Instant now = StoredTime.now();
        if (links.livePending(user.id(), issuer, subject, now)) {
            return;
        }
        String token = OpaqueToken.generate(LINK_PREFIX);
        Instant expiresAt = now.plus(LINK_LIFETIME);
        links.add(OpaqueToken.hashOf(token), tenantId, user.id(), issuer, subject, now, expiresAt);
        mail.enqueue(tenantId, user.email(), "Confirm single sign-on for your Custodia account",
                "Someone signed in through your organisation's identity provider (" + issuer + ") with your address.\n"
                        + "If it was you, confirm that this sign-in may use your existing account:\n\n"
                        + PublicUrl.base() + "/console/confirm-sso#token=" + token + "\n\n"
                        + "Token (for the API, POST /api/v1/auth/sso-link/confirm): " + token + "\n\n"
                        + "The link works once and expires on " + expiresAt + ". If your account uses an authenticator app, you will"
                        + " need a current code. If it was not you, ignore this mail and tell your administrator.\n");
        audit.append(sso, "user.sso_link_requested", "user", user.id().toString(), Map.of("issuer", issuer));
    }

    /**
     * The owner confirms a link: the token from the mail, and a TOTP or recovery code when the account has
     * TOTP (a new link never bypasses the account's second factor). Links the identity and activates an
     * invited account (the mail proved the address). The caller ({@link AccountLinks}) has checked the token's
     * form and found its tenant.
     */
    public UUID confirmLink(@TenantId UUID tenantId, String token, String totpCode, String recoveryCode, String requestId) {
        String hash = OpaqueToken.hashOf(token);
        SsoLinkRepository.LockedLink link = links.lock(hash).orElseThrow(AccountLinks::invalid);
        link.state().refusalAt(Instant.now()).ifPresent(refusal -> {
            throw ProblemException.invalid("token", refusal == SingleUseToken.Refusal.USED ? "was already used"
                    : "has expired; sign in through your identity provider again for a new link");
        });
        UserAccount user = users.find(link.userId());
        String issuer = link.issuer();
        String subject = link.subject();
        SsoAccountRules.requireLinkable(user, () -> users.bySsoIdentity(issuer, subject) != null,
                totpCode != null || recoveryCode != null);
        if (user.totpEnabled() && !secondFactors.accepted(tenantId, user, totpCode, recoveryCode)) {
            throw new ProblemException(401, "invalid-credentials", "Confirmation failed", "The code is wrong or was already used.",
                    List.of());
        }
        users.flush(); // the accepted TOTP step is written before the link below reloads the row
        links.markUsed(hash, StoredTime.now());
        users.linkSsoIdentity(user, issuer, subject);
        if (user.status() == UserAccount.Status.INVITED) {
            user.activate(null, null, StoredTime.now());
        }
        audit.append(new Actor(tenantId, "user:" + user.id(), requestId), "user.sso_linked", "user", user.id().toString(),
                Map.of("issuer", issuer, "confirmedWith", user.totpEnabled() ? "mail+totp" : "mail"));
        return user.id();
    }

    /** Records a sign-in through the provider (console login). */
    public void signedIn(@TenantId UUID tenantId, UUID userId, String requestId) {
        UserAccount user = users.find(userId);
        user.recordLogin(StoredTime.now());
        audit.append(new Actor(tenantId, "user:" + userId, requestId), "user.signed_in", "user", userId.toString(),
                Map.of("method", "oidc"));
    }
}
