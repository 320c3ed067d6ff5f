package org.custodia.delivery.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.delivery.domain.WebhookSubscription;
import org.custodia.platform.persistence.NativeValues;

/** A tenant's subscriptions ({@code app.webhook_subscription}), in the calling service's bound transaction. */
@Stateless
public class WebhookSubscriptionRepository {

    /** The sealed secrets that sign now: the current one, and the previous one while a rotation overlaps. */
    public record Secrets(byte[] current, byte[] previous, Instant previousUntil) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, url, description, event_types, status, disabled_reason, previous_secret_until,"
            + " created_at, updated_at";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void add(UUID tenantId, WebhookSubscription s, byte[] secretSealed) {
        em.createNativeQuery("insert into app.webhook_subscription (id, tenant_id, url, description, event_types, secret_sealed,"
                        + " status, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)")
                .setParameter(1, s.id()).setParameter(2, tenantId).setParameter(3, s.url()).setParameter(4, s.description())
                .setParameter(5, json(s.eventTypes())).setParameter(6, secretSealed).setParameter(7, s.status().name())
                .setParameter(8, NativeValues.at(s.createdAt())).executeUpdate();
    }

    /** Makes changes to the bound tenant's subscription count take turns until the transaction ends. */
    public void lockTenant(UUID tenantId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('webhooks:' || ?1))").setParameter(1, tenantId.toString())
                .getSingleResult();
    }

    public List<WebhookSubscription> all() {
        return rows("select " + COLUMNS + " from app.webhook_subscription order by created_at, id", null);
    }

    public Optional<WebhookSubscription> find(UUID id) {
        return rows("select " + COLUMNS + " from app.webhook_subscription where id = ?1", id).stream().findFirst();
    }

    /** Locked until the transaction ends (a change, a rotation). */
    public Optional<WebhookSubscription> lock(UUID id) {
        return rows("select " + COLUMNS + " from app.webhook_subscription where id = ?1 for update", id).stream().findFirst();
    }

    public List<WebhookSubscription> active() {
        return rows("select " + COLUMNS + " from app.webhook_subscription where status = 'ACTIVE' order by created_at, id", null);
    }

    public void update(UUID id, String url, String description, List<String> eventTypes, Instant at) {
        em.createNativeQuery("update app.webhook_subscription set url = ?2, description = ?3, event_types = ?4, updated_at = ?5"
                        + " where id = ?1")
                .setParameter(1, id).setParameter(2, url).setParameter(3, description).setParameter(4, json(eventTypes))
                .setParameter(5, NativeValues.at(at)).executeUpdate();
    }

    public void status(UUID id, WebhookSubscription.Status status, String reason, Instant at) {
        em.createNativeQuery("update app.webhook_subscription set status = ?2, disabled_reason = ?3, updated_at = ?4 where id = ?1")
                .setParameter(1, id).setParameter(2, status.name()).setParameter(3, reason).setParameter(4, NativeValues.at(at))
                .executeUpdate();
    }

    /** The new secret signs from now on; the old one too until {@code overlapUntil}. */
    public void rotate(UUID id, byte[] newSealed, Instant overlapUntil, Instant at) {
        em.createNativeQuery("update app.webhook_subscription set previous_secret_sealed = secret_sealed, secret_sealed = ?2,"
                        + " previous_secret_until = ?3, updated_at = ?4 where id = ?1")
                .setParameter(1, id).setParameter(2, newSealed).setParameter(3, NativeValues.at(overlapUntil))
                .setParameter(4, NativeValues.at(at)).executeUpdate();
    }

    public Secrets secrets(UUID id) {
        Object[] r = (Object[]) em.createNativeQuery("select secret_sealed, previous_secret_sealed, previous_secret_until"
                + " from app.webhook_subscription where id = ?1").setParameter(1, id).getSingleResult();
        return new Secrets((byte[]) r[0], (byte[]) r[1], NativeValues.instant(r[2]));
    }

    public boolean delete(UUID id) {
        return em.createNativeQuery("delete from app.webhook_subscription where id = ?1").setParameter(1, id).executeUpdate() > 0;
    }

    @SuppressWarnings("unchecked")
    private List<WebhookSubscription> rows(String sql, UUID id) {
        var q = em.createNativeQuery(sql);
        if (id != null) {
            q.setParameter(1, id);
        }
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new WebhookSubscription((UUID) r[0], (String) r[1], (String) r[2], types((String) r[3]),
                WebhookSubscription.Status.valueOf((String) r[4]), (String) r[5], NativeValues.instant(r[6]),
                NativeValues.instant(r[7]), NativeValues.instant(r[8]))).toList();
    }

    private static String json(List<String> types) {
        try {
            return JSON.writeValueAsString(types);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> types(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event type list is not JSON", e);
        }
    }
}
