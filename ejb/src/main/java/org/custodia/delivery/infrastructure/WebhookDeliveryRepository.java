package org.custodia.delivery.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;

/**
 * The webhook outbox ({@code app.webhook_delivery}) and its attempt log, in the calling service's bound transaction;
 * {@link #dueTenants} runs before any tenant is bound (SECURITY DEFINER).
 */
@Stateless
public class WebhookDeliveryRepository {

    /** A delivery as the dispatcher sends it. */
    public record Pending(UUID id, UUID subscriptionId, UUID eventId, String eventType, String payload, int attempts,
                          Instant nextAttemptAt, Instant createdAt) {
    }

    /** A delivery as its log shows it. */
    public record Logged(UUID id, UUID eventId, String eventType, String status, int attempts, Instant createdAt,
                         Instant nextAttemptAt, Instant deliveredAt, Integer lastStatus, String lastError) {
    }

    /** One attempt: when, what came back, how long it took. */
    public record Attempt(int attempt, Instant at, Integer statusCode, int latencyMs, String error, String responseExcerpt) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @SuppressWarnings("unchecked")
    public List<UUID> dueTenants() {
        return em.createNativeQuery("select app.webhook_due_tenants()").getResultList();
    }

    public void add(UUID id, UUID tenantId, UUID subscriptionId, UUID eventId, String eventType, String payload, Instant at) {
        em.createNativeQuery("insert into app.webhook_delivery (id, tenant_id, subscription_id, event_id, event_type, payload,"
                        + " created_at, status, next_attempt_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'PENDING', ?7)")
                .setParameter(1, id).setParameter(2, tenantId).setParameter(3, subscriptionId).setParameter(4, eventId)
                .setParameter(5, eventType).setParameter(6, payload).setParameter(7, NativeValues.at(at)).executeUpdate();
    }

    /**
     * Leases up to {@code limit} active subscriptions whose next delivery in order is due and which no one holds, to
     * {@code owner} (a node and a fresh token) for {@code seconds}: the lease is the claim, so a node that dies mid-way
     * lets another take over when it runs out. Times are the database's, one clock for every node.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> lease(String owner, int seconds, int limit) {
        return em.createNativeQuery("update app.webhook_subscription s set lease_owner = ?1, lease_until = now() + make_interval(secs => ?2)"
                        + " where s.id in (select c.id from app.webhook_subscription c where c.status = 'ACTIVE'"
                        + "   and (c.lease_until is null or c.lease_until < now())"
                        + "   and (select h.next_attempt_at from app.webhook_delivery h where h.subscription_id = c.id"
                        + "        and h.status = 'PENDING' order by h.seq limit 1) <= now()"
                        + "   order by c.updated_at, c.id limit ?3 for no key update skip locked)"
                        + " returning s.id")
                .setParameter(1, owner).setParameter(2, seconds).setParameter(3, limit).getResultList();
    }

    /** Extends a lease its owner still holds; false when it ran out or another took it (then stop). */
    public boolean renew(UUID subscriptionId, String owner, int seconds) {
        return em.createNativeQuery("update app.webhook_subscription set lease_until = now() + make_interval(secs => ?3)"
                        + " where id = ?1 and lease_owner = ?2 and lease_until > now()")
                .setParameter(1, subscriptionId).setParameter(2, owner).setParameter(3, seconds).executeUpdate() == 1;
    }

    /** Gives the lease up (only its owner's). */
    public void release(UUID subscriptionId, String owner) {
        em.createNativeQuery("update app.webhook_subscription set lease_owner = null, lease_until = null"
                + " where id = ?1 and lease_owner = ?2").setParameter(1, subscriptionId).setParameter(2, owner).executeUpdate();
    }

    /** Leases a node held before it restarted (owners {@code <node>:<token>}): it delivers nothing now. */
    public int releaseAll(String node) {
        return em.createNativeQuery("update app.webhook_subscription set lease_owner = null, lease_until = null"
                + " where starts_with(lease_owner, ?1 || ':')").setParameter(1, node).executeUpdate();
    }

    /** Forgets the bound tenant's deliveries that ended before {@code before} (their attempts go with them); how many. */
    public int forgetEnded(Instant before, int limit) {
        return em.createNativeQuery("delete from app.webhook_delivery where id in (select id from app.webhook_delivery"
                        + " where status <> 'PENDING' and coalesce(delivered_at, next_attempt_at, created_at) < ?1 limit ?2)")
                .setParameter(1, NativeValues.at(before)).setParameter(2, limit).executeUpdate();
    }

    /** Its waiting deliveries are due now (an endpoint fixed, a subscription enabled again); how many. */
    public int dueNow(UUID subscriptionId) {
        return em.createNativeQuery("update app.webhook_delivery set next_attempt_at = now() where subscription_id = ?1"
                + " and status = 'PENDING' and next_attempt_at > now()").setParameter(1, subscriptionId).executeUpdate();
    }

    /** The subscription's next delivery in order, if any. */
    public Optional<Pending> head(UUID subscriptionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, subscription_id, event_id, event_type, payload, attempts, next_attempt_at,"
                        + " created_at from app.webhook_delivery where subscription_id = ?1 and status = 'PENDING' order by seq limit 1")
                .setParameter(1, subscriptionId).getResultList();
        return rows.stream().findFirst().map(r -> new Pending((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                ((Number) r[5]).intValue(), NativeValues.instant(r[6]), NativeValues.instant(r[7])));
    }

    public void attempt(UUID deliveryId, UUID tenantId, Attempt a) {
        em.createNativeQuery("insert into app.webhook_attempt (delivery_id, tenant_id, attempt, attempted_at, status_code, latency_ms,"
                        + " error, response_excerpt) values (?1, ?2, ?3, ?4, nullif(?5, -1), ?6, nullif(?7, ''), nullif(?8, ''))")
                .setParameter(1, deliveryId).setParameter(2, tenantId).setParameter(3, a.attempt()).setParameter(4, NativeValues.at(a.at()))
                .setParameter(5, a.statusCode() == null ? -1 : a.statusCode()).setParameter(6, a.latencyMs())
                .setParameter(7, a.error() == null ? "" : a.error()).setParameter(8, a.responseExcerpt() == null ? "" : a.responseExcerpt())
                .executeUpdate();
    }

    /**
     * Marks it delivered, if it is still pending after exactly {@code previousAttempts} attempts (another drain's late
     * record changes nothing); whether it did.
     */
    public boolean delivered(UUID id, int previousAttempts, int status, Instant at) {
        return em.createNativeQuery("update app.webhook_delivery set status = 'DELIVERED', attempts = ?2 + 1, last_status = ?3,"
                        + " last_error = null, delivered_at = ?4 where id = ?1 and status = 'PENDING' and attempts = ?2")
                .setParameter(1, id).setParameter(2, previousAttempts).setParameter(3, status).setParameter(4, NativeValues.at(at))
                .executeUpdate() == 1;
    }

    /** Failed this time: tried again at {@code next}, or (null) given up; on the same terms as {@link #delivered}. */
    public boolean failed(UUID id, int previousAttempts, Integer status, String error, Instant next) {
        return em.createNativeQuery("update app.webhook_delivery set status = case when ?6 then 'FAILED' else 'PENDING' end,"
                        + " attempts = ?2 + 1, last_status = nullif(?3, -1), last_error = nullif(?4, ''),"
                        + " next_attempt_at = case when ?6 then now() else ?5 end"
                        + " where id = ?1 and status = 'PENDING' and attempts = ?2")
                .setParameter(1, id).setParameter(2, previousAttempts).setParameter(3, status == null ? -1 : status)
                .setParameter(4, error == null ? "" : error).setParameter(5, NativeValues.at(next == null ? Instant.EPOCH : next))
                .setParameter(6, next == null).executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    public List<Logged> log(UUID subscriptionId, int limit) {
        List<Object[]> rows = em.createNativeQuery("select id, event_id, event_type, status, attempts, created_at, next_attempt_at,"
                        + " delivered_at, last_status, last_error from app.webhook_delivery where subscription_id = ?1"
                        + " order by seq desc limit ?2")
                .setParameter(1, subscriptionId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Logged((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                NativeValues.instant(r[5]), NativeValues.instant(r[6]), NativeValues.instant(r[7]),
                r[8] == null ? null : ((Number) r[8]).intValue(), (String) r[9])).toList();
    }

    @SuppressWarnings("unchecked")
    public List<Attempt> attempts(UUID deliveryId) {
        List<Object[]> rows = em.createNativeQuery("select attempt, attempted_at, status_code, latency_ms, error, response_excerpt"
                + " from app.webhook_attempt where delivery_id = ?1 order by attempt").setParameter(1, deliveryId).getResultList();
        return rows.stream().map(r -> new Attempt(((Number) r[0]).intValue(), NativeValues.instant(r[1]),
                r[2] == null ? null : ((Number) r[2]).intValue(), ((Number) r[3]).intValue(), (String) r[4], (String) r[5])).toList();
    }

    /** A delivery's event, for a manual redelivery. */
    public Optional<Pending> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, subscription_id, event_id, event_type, payload, attempts, next_attempt_at,"
                + " created_at from app.webhook_delivery where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new Pending((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                ((Number) r[5]).intValue(), NativeValues.instant(r[6]), NativeValues.instant(r[7])));
    }
}
