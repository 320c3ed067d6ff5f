package org.custodia.notification.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import org.custodia.notification.domain.MailRetryPolicy;
import org.custodia.platform.persistence.NativeValues;

/**
 * The mail outbox ({@code app.mail_outbox}; recipient and body sealed by the caller), in the calling service's
 * transaction bound to its tenant.
 */
@Stateless
public class MailOutboxRepository {

    /** An unsent message as stored: recipient and bodies still sealed; {@code htmlSealed} null for plain text only. */
    public record QueuedMail(UUID id, byte[] recipientSealed, String subject, byte[] bodySealed, byte[] htmlSealed, int attempts) {
    }

    /** Bound instead of null (whose type the driver cannot tell), stored as null. */
    private static final byte[] NO_HTML = new byte[0];

    /** Ids bound as one text parameter: one statement text however many there are (an IN list would vary). */
    private static final String ID_LIST = "string_to_array(?1, ',')::uuid[]";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** Queues a message, due at once; {@code htmlSealed} null for plain text only. */
    public void add(UUID id, UUID tenantId, byte[] recipientSealed, String subject, byte[] bodySealed, byte[] htmlSealed, Instant createdAt) {
        em.createNativeQuery("insert into app.mail_outbox (id, tenant_id, recipient, subject, body, html, created_at, next_try_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, nullif(?6, ''::bytea), ?7, ?7)")
                .setParameter(1, id).setParameter(2, tenantId)
                .setParameter(3, recipientSealed)
                .setParameter(4, subject)
                .setParameter(5, bodySealed)
                .setParameter(6, htmlSealed == null ? NO_HTML : htmlSealed)
                .setParameter(7, NativeValues.at(createdAt))
                .executeUpdate();
    }

    /**
     * Those of {@code ids} still unsent that no other transaction is sending, in the order they were queued; their
     * rows stay locked until this transaction ends.
     */
    @SuppressWarnings("unchecked")
    public List<QueuedMail> lockUnsent(List<UUID> ids) {
        Query q = em.createNativeQuery("select id, recipient, subject, body, html, attempts from app.mail_outbox"
                + " where id = any(" + ID_LIST + ") and sent_at is null order by created_at, id for update skip locked");
        List<Object[]> rows = q.setParameter(1, idList(ids)).getResultList();
        return rows.stream().map(r -> new QueuedMail((UUID) r[0], (byte[]) r[1], (String) r[2], (byte[]) r[3],
                (byte[]) r[4], ((Number) r[5]).intValue())).toList();
    }

    public void markSent(List<UUID> ids, Instant sentAt) {
        em.createNativeQuery("update app.mail_outbox set sent_at = ?2, attempts = attempts + 1 where id = any(" + ID_LIST + ")")
                .setParameter(1, idList(ids))
                .setParameter(2, NativeValues.at(sentAt))
                .executeUpdate();
    }

    private static String idList(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    /** Records a failed attempt: how many so far, the error's kind (never its message), when to try again. */
    public void markFailed(UUID id, int attempts, String errorKind, Instant nextTryAt) {
        em.createNativeQuery("update app.mail_outbox set attempts = ?1, last_error = ?2, next_try_at = ?3 where id = ?4")
                .setParameter(1, attempts)
                .setParameter(2, errorKind)
                .setParameter(3, NativeValues.at(nextTryAt))
                .setParameter(4, id).executeUpdate();
    }

    /**
     * Forgets the address and text of up to {@code limit} messages sent before {@code before}, or given up on
     * ({@link MailRetryPolicy#PARKED}) and queued before it; returns how many.
     */
    public int forgetSent(Instant before, int limit) {
        return em.createNativeQuery("update app.mail_outbox set recipient = null, body = null, html = null where id in"
                        + " (select id from app.mail_outbox where sent_at < ?1 and recipient is not null"
                        + " union all select id from app.mail_outbox where sent_at is null and next_try_at >= ?3"
                        + " and created_at < ?1 and recipient is not null limit ?2)")
                .setParameter(1, NativeValues.at(before))
                .setParameter(2, limit)
                .setParameter(3, NativeValues.at(MailRetryPolicy.PARKED))
                .executeUpdate();
    }

    /** Unsent messages whose next try is due, soonest first, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<UUID> due(int limit) {
        return em.createNativeQuery("select id from app.mail_outbox where sent_at is null and next_try_at <= now() "
                + "order by next_try_at limit ?1").setParameter(1, limit).getResultList();
    }
}
