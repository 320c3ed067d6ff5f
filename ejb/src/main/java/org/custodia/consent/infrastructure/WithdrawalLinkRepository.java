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
 * One-click withdrawal links ({@code app.consent_withdrawal_link}, by token hash). {@link #tenantOf} runs before any
 * tenant is bound, through the SECURITY DEFINER resolver; the rest runs in the calling service's bound transaction.
 */
@Stateless
public class WithdrawalLinkRepository {

    /** What a link withdraws, and when it was used (null while unused). */
    public record Link(String subjectId, UUID purposeId, Instant usedAt) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The tenant the link belongs to, found without a tenant bound. */
    public Optional<UUID> tenantOf(String tokenHash) {
        Object tenant = em.createNativeQuery("select app.resolve_withdrawal_link(?1)").setParameter(1, tokenHash).getSingleResult();
        return Optional.ofNullable((UUID) tenant);
    }

    public void add(String tokenHash, UUID tenantId, String subjectId, UUID purposeId, Instant createdAt) {
        em.createNativeQuery("insert into app.consent_withdrawal_link (token_hash, tenant_id, subject_id, purpose_id, created_at)"
                        + " values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, tokenHash).setParameter(2, tenantId).setParameter(3, subjectId)
                .setParameter(4, purposeId).setParameter(5, NativeValues.at(createdAt)).executeUpdate();
    }

    /** The link, row locked until the transaction ends (so it is used once). */
    @SuppressWarnings("unchecked")
    public Optional<Link> lockForUse(String tokenHash) {
        List<Object[]> rows = em.createNativeQuery("select subject_id, purpose_id, used_at from app.consent_withdrawal_link"
                + " where token_hash = ?1 for update").setParameter(1, tokenHash).getResultList();
        return rows.stream().findFirst().map(r -> new Link((String) r[0], (UUID) r[1], NativeValues.instant(r[2])));
    }

    public void markUsed(String tokenHash, Instant usedAt) {
        em.createNativeQuery("update app.consent_withdrawal_link set used_at = ?1 where token_hash = ?2")
                .setParameter(1, NativeValues.at(usedAt)).setParameter(2, tokenHash).executeUpdate();
    }
}
