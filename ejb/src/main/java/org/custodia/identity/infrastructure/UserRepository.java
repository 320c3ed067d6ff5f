package org.custodia.identity.infrastructure;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.identity.domain.UserAccount;
import org.custodia.tenancy.domain.Tenant;

/** The people of the bound tenant (app.app_user). */
@Stateless
public class UserRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public UserAccount find(UUID userId) {
        return em.find(UserAccount.class, userId);
    }

    /** The user with this address in the bound tenant, or null. */
    public UserAccount byEmail(String email) {
        return em.createQuery("select u from UserAccount u where u.email = :e", UserAccount.class)
                .setParameter("e", UserAccount.normalisedEmail(email)).getResultStream().findFirst().orElse(null);
    }

    /** The user the identity provider knows by this issuer and subject, or null. */
    public UserAccount bySsoIdentity(String issuer, String subject) {
        List<UserAccount> found = em.createQuery("select u from UserAccount u where u.oidcIssuer = :i and u.oidcSubject = :s",
                UserAccount.class).setParameter("i", issuer).setParameter("s", subject).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    public List<UserAccount> all() {
        return em.createQuery("select u from UserAccount u order by u.createdAt", UserAccount.class).getResultList();
    }

    public void add(UserAccount user) {
        em.persist(user);
    }

    /** Writes pending changes now (a later statement must see them). */
    public void flush() {
        em.flush();
    }

    /** The tenant the users belong to (its name and slug appear in mails, TOTP labels and the password rules). */
    public Tenant tenant(UUID tenantId) {
        return em.find(Tenant.class, tenantId);
    }

    /** Claims a TOTP time step in one atomic update, so parallel sign-ins cannot both use one code; false when it was used. */
    public boolean claimTotpStep(UUID userId, long step) {
        return em.createNativeQuery("update app.app_user set totp_last_step = ?1 where id = ?2"
                        + " and (totp_last_step is null or totp_last_step < ?1)")
                .setParameter(1, step).setParameter(2, userId).executeUpdate() == 1;
    }

    /** Links the single sign-on identity to the user and reloads the user from the row. */
    public void linkSsoIdentity(UserAccount user, String issuer, String subject) {
        em.createNativeQuery("update app.app_user set oidc_issuer = ?1, oidc_subject = ?2 where id = ?3")
                .setParameter(1, issuer).setParameter(2, subject).setParameter(3, user.id()).executeUpdate();
        em.refresh(user);
    }
}
