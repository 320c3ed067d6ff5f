package org.custodia.consent.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;

/**
 * The privacy center's consent links ({@code app.consent_manage_token}, by token hash), each naming the blind index
 * of an address, never the address. {@link #tenantOf} runs before any tenant is bound, through the SECURITY DEFINER
 * resolver; the rest in the calling service's bound transaction.
 */
@Stateless
public class ConsentManageTokenRepository {

    /** What a link opens: the consents of the subjects with this address index, until it expires. */
    public record Link(String emailIndex, Instant expiresAt) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public Optional<UUID> tenantOf(String tokenHash) {
        Object tenant = em.createNativeQuery("select app.resolve_consent_manage_token(?1)").setParameter(1, tokenHash).getSingleResult();
        return Optional.ofNullable((UUID) tenant);
    }

    public void add(String tokenHash, UUID tenantId, String emailIndex, Instant createdAt, Instant expiresAt) {
        em.createNativeQuery("insert into app.consent_manage_token (token_hash, tenant_id, email_index, created_at, expires_at)"
                        + " values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, tokenHash).setParameter(2, tenantId).setParameter(3, emailIndex)
                .setParameter(4, NativeValues.at(createdAt)).setParameter(5, NativeValues.at(expiresAt)).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Optional<Link> find(String tokenHash) {
        List<Object[]> rows = em.createNativeQuery("select email_index, expires_at from app.consent_manage_token where token_hash = ?1")
                .setParameter(1, tokenHash).getResultList();
        return rows.stream().findFirst().map(r -> new Link((String) r[0], NativeValues.instant(r[1])));
    }

    /** How many links went to this address since {@code since}. */
    public int issuedSince(String emailIndex, Instant since) {
        return ((Number) em.createNativeQuery("select count(*) from app.consent_manage_token where email_index = ?1 and created_at > ?2")
                .setParameter(1, emailIndex).setParameter(2, NativeValues.at(since)).getSingleResult()).intValue();
    }

    /** Makes requests for one address take turns until the transaction ends. */
    public void lockIndex(String emailIndex) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('consent-link:' || ?1))").setParameter(1, emailIndex).getSingleResult();
    }

    /** Drops the bound tenant's links that expired before {@code before}; how many. */
    public int deleteExpired(Instant before) {
        return em.createNativeQuery("delete from app.consent_manage_token where expires_at < ?1")
                .setParameter(1, NativeValues.at(before)).executeUpdate();
    }
}
