package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.application.AuditTrail;
import org.custodia.kernel.OpaqueToken;
import org.custodia.identity.domain.UserAccount;
import org.custodia.notification.application.MailOutbox;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;

/**
 * Just-in-time provisioning: the first verified token of a person creates their user; later tokens keep
 * the role of users the provider provisioned in step with its claim. An existing account with the same
 * address is never linked on the provider's word alone (whoever controls the provider could claim any
 * address): the owner gets a single-use link by mail and confirms it, with a TOTP code when the account
 * has one. A linked local account keeps the role Custodia gave it.
 */
@Stateless
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

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    RolePermissionCache rolePermissions;

    @Inject
    UserService users;

    @Inject
    MailOutbox mail;

    @Inject
    LocalSignIn localSignIn;

    /** The refusal for {@link LinkPending}, thrown by callers once the request for confirmation is committed. */
    public static ProblemException linkPending() {
        return new ProblemException(409, "account-link-pending", "Confirmation needed",
                "An account with this address exists in Custodia. Its owner must confirm that this single sign-on identity may use it:"
                        + " we sent a link to the account's address. Nothing was linked.", List.of());
    }

    public Outcome provision(UUID tenantId, String issuer, String subject, String email, boolean emailVerified, String role,
                             String requestId) {
        tenantSession.bind(tenantId);
        Actor sso = Actor.system(tenantId, "sso", requestId);
        List<UserAccount> found = em.createQuery("select u from UserAccount u where u.oidcIssuer = :i and u.oidcSubject = :s",
                UserAccount.class).setParameter("i", issuer).setParameter("s", subject).getResultList();
        UserAccount user = found.isEmpty() ? null : found.get(0);
        if (user == null && email != null) {
            UserAccount sameAddress = users.byEmail(email);
            if (sameAddress != null) {
                if (!emailVerified || sameAddress.oidcSubject() != null) {
                    throw new ProblemException(409, "account-conflict", "Account conflict",
                            "An account with this address exists and the identity provider does not vouch for the address.", List.of());
                }
                if (sameAddress.status() == UserAccount.Status.DISABLED) {
                    throw new ProblemException(403, "account-disabled", "Account disabled", "This account is disabled in Custodia.", List.of());
                }
                requestLink(tenantId, sameAddress, issuer, subject, sso);
                return new LinkPending();
            }
        }
        if (user == null) {
            user = UserAccount.provisioned(tenantId, issuer, subject, emailVerified ? email : null, role, StoredTime.now());
            em.persist(user);
            audit.append(sso, "user.provisioned", "user", user.id().toString(), Map.of("issuer", issuer, "role", role));
            return new Provisioned(user.id(), role);
        }
        if (user.status() == UserAccount.Status.DISABLED) {
            throw new ProblemException(403, "account-disabled", "Account disabled", "This account is disabled in Custodia.", List.of());
        }
        if (user.roleFromIdp() && !role.equals(user.role())) {
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
        Number live = (Number) em.createNativeQuery("select count(*) from app.sso_link where user_id = ?1 and oidc_issuer = ?2"
                        + " and oidc_subject = ?3 and used_at is null and expires_at > ?4")
                .setParameter(1, user.id()).setParameter(2, issuer).setParameter(3, subject).setParameter(4, NativeValues.at(now))
                .getSingleResult();
        if (live.longValue() > 0) {
            return;
        }
        String token = OpaqueToken.generate(LINK_PREFIX);
        Instant expiresAt = now.plus(LINK_LIFETIME);
        em.createNativeQuery("insert into app.sso_link (token_hash, tenant_id, user_id, oidc_issuer, oidc_subject, created_at, expires_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, OpaqueToken.hashOf(token)).setParameter(2, tenantId).setParameter(3, user.id())
                .setParameter(4, issuer).setParameter(5, subject).setParameter(6, NativeValues.at(now)).setParameter(7, NativeValues.at(expiresAt))
                .executeUpdate();
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
     * invited account (the mail proved the address).
     */
    public UUID confirmLink(String token, String totpCode, String recoveryCode, String requestId) {
        if (!OpaqueToken.wellFormed(token, LINK_PREFIX)) {
            throw ProblemException.invalid("token", "is not a valid link token");
        }
        String hash = OpaqueToken.hashOf(token);
        Object tenant = em.createNativeQuery("select app.resolve_sso_link(?1)").setParameter(1, hash).getSingleResult();
        if (tenant == null) {
            throw ProblemException.invalid("token", "is not a valid link token");
        }
        UUID tenantId = (UUID) tenant;
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select user_id, oidc_issuer, oidc_subject, expires_at, used_at from app.sso_link"
                + " where token_hash = ?1 for update").setParameter(1, hash).getResultList();
        Object[] row = rows.get(0);
        if (row[4] != null) {
            throw ProblemException.invalid("token", "was already used");
        }
        if (!NativeValues.instant(row[3]).isAfter(Instant.now())) {
            throw ProblemException.invalid("token", "has expired; sign in through your identity provider again for a new link");
        }
        UserAccount user = em.find(UserAccount.class, row[0]);
        String issuer = (String) row[1];
        String subject = (String) row[2];
        if (user.status() == UserAccount.Status.DISABLED) {
            throw new ProblemException(403, "account-disabled", "Account disabled", "This account is disabled in Custodia.", List.of());
        }
        if (user.oidcSubject() != null) {
            throw ProblemException.conflict("token", "this account is already linked to a single sign-on identity");
        }
        if (!em.createQuery("select u from UserAccount u where u.oidcIssuer = :i and u.oidcSubject = :s", UserAccount.class)
                .setParameter("i", issuer).setParameter("s", subject).getResultList().isEmpty()) {
            throw ProblemException.conflict("token", "this single sign-on identity already has an account");
        }
        if (user.totpEnabled()) {
            if (totpCode == null && recoveryCode == null) {
                throw new ProblemException(401, "mfa-required", "Second factor required",
                        "This account uses an authenticator app: send its current code as totpCode (or a recovery code as recoveryCode).",
                        List.of());
            }
            if (!localSignIn.secondFactorAccepted(user, totpCode, recoveryCode)) {
                throw new ProblemException(401, "invalid-credentials", "Confirmation failed", "The code is wrong or was already used.",
                        List.of());
            }
        }
        em.flush(); // the accepted TOTP step is written before the refresh below reloads the row
        em.createNativeQuery("update app.sso_link set used_at = ?1 where token_hash = ?2")
                .setParameter(1, NativeValues.at(StoredTime.now())).setParameter(2, hash).executeUpdate();
        em.createNativeQuery("update app.app_user set oidc_issuer = ?1, oidc_subject = ?2 where id = ?3")
                .setParameter(1, issuer).setParameter(2, subject).setParameter(3, user.id()).executeUpdate();
        em.refresh(user);
        if (user.status() == UserAccount.Status.INVITED) {
            user.activate(null, null, StoredTime.now());
        }
        audit.append(new Actor(tenantId, "user:" + user.id(), requestId), "user.sso_linked", "user", user.id().toString(),
                Map.of("issuer", issuer, "confirmedWith", user.totpEnabled() ? "mail+totp" : "mail"));
        return user.id();
    }

    /** Records a sign-in through the provider (console login). */
    public void signedIn(UUID tenantId, UUID userId, String requestId) {
        tenantSession.bind(tenantId);
        UserAccount user = em.find(UserAccount.class, userId);
        user.recordLogin(StoredTime.now());
        audit.append(new Actor(tenantId, "user:" + userId, requestId), "user.signed_in", "user", userId.toString(),
                Map.of("method", "oidc"));
    }
}
