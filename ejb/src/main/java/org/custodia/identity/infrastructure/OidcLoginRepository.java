package org.custodia.identity.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.identity.domain.SingleUseToken;
import org.custodia.platform.persistence.NativeValues;

/** OIDC logins in flight (app.oidc_login): keyed by the SHA-256 of their state, used once. */
@Stateless
public class OidcLoginRepository {

    /** A login's row, locked: its sealed PKCE verifier, nonce, where to return, and whether the state may still be used. */
    public record LockedLogin(byte[] verifierSealed, String nonce, String returnTo, SingleUseToken state) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void add(String stateHash, UUID tenantId, byte[] verifierSealed, String nonce, String returnTo, Instant createdAt,
                    Instant expiresAt) {
        em.createNativeQuery("insert into app.oidc_login (state_hash, tenant_id, code_verifier, nonce, return_to, created_at, expires_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, stateHash).setParameter(2, tenantId).setParameter(3, verifierSealed)
                .setParameter(4, nonce).setParameter(5, returnTo)
                .setParameter(6, NativeValues.at(createdAt)).setParameter(7, NativeValues.at(expiresAt))
                .executeUpdate();
    }

    public Optional<LockedLogin> lock(String stateHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select code_verifier, nonce, return_to, expires_at, used_at from app.oidc_login "
                + "where state_hash = ?1 for update").setParameter(1, stateHash).getResultList();
        return rows.stream().findFirst().map(r -> new LockedLogin((byte[]) r[0], (String) r[1], (String) r[2],
                new SingleUseToken(NativeValues.instant(r[3]), NativeValues.instant(r[4]))));
    }

    public void markUsed(String stateHash, Instant at) {
        em.createNativeQuery("update app.oidc_login set used_at = ?1 where state_hash = ?2")
                .setParameter(1, NativeValues.at(at)).setParameter(2, stateHash).executeUpdate();
    }
}
