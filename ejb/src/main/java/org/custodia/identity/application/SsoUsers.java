package org.custodia.identity.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.domain.UserAccount;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;

/**
 * Just-in-time provisioning: the first verified token of a person creates their user; later tokens keep
 * the role in step with the identity provider's claim. An existing local account with the same address
 * is linked only when the provider vouches for the address ({@code email_verified}).
 */
@Stateless
public class SsoUsers {

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

    public UUID provision(UUID tenantId, String issuer, String subject, String email, boolean emailVerified, String role,
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
                em.createNativeQuery("update app.app_user set oidc_issuer = ?1, oidc_subject = ?2 where id = ?3")
                        .setParameter(1, issuer).setParameter(2, subject).setParameter(3, sameAddress.id()).executeUpdate();
                em.refresh(sameAddress);
                user = sameAddress;
                audit.append(sso, "user.sso_linked", "user", user.id().toString(), Map.of("issuer", issuer));
            }
        }
        if (user == null) {
            user = UserAccount.provisioned(tenantId, issuer, subject, emailVerified ? email : null, role, StoredTime.now());
            em.persist(user);
            audit.append(sso, "user.provisioned", "user", user.id().toString(), Map.of("issuer", issuer, "role", role));
            return user.id();
        }
        if (user.status() == UserAccount.Status.DISABLED) {
            throw new ProblemException(403, "account-disabled", "Account disabled", "This account is disabled in Custodia.", List.of());
        }
        if (user.status() == UserAccount.Status.INVITED) {
            user.activate(null, null, StoredTime.now());
        }
        if (!role.equals(user.role())) {
            audit.append(sso, "user.role_changed", "user", user.id().toString(), Map.of("from", user.role(), "to", role));
            user.assignRole(role);
            rolePermissions.forgetAfterCommit(tenantId);
        }
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
