package org.custodia.connector.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.connector.domain.CategoryQuery;
import org.custodia.connector.domain.Connector;
import org.custodia.connector.domain.ConnectorKind;
import org.custodia.platform.persistence.NativeValues;

/** {@code app.connector}: the tenant's connectors; the sealed secret is read only by {@link #sealedSecret}. */
@ApplicationScoped
public class ConnectorRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, tenant_id, name, kind, enabled, jdbc_url, jdbc_user, endpoint_url, queries::text,"
            + " sealed_secret is not null, created_at, updated_at";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void add(Connector c, byte[] sealedSecret) {
        em.createNativeQuery("insert into app.connector (id, tenant_id, name, kind, enabled, jdbc_url, jdbc_user, endpoint_url,"
                        + " queries, sealed_secret, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as jsonb), ?10, ?11, ?12)")
                .setParameter(1, c.id()).setParameter(2, c.tenantId()).setParameter(3, c.name()).setParameter(4, c.kind().name())
                .setParameter(5, c.enabled()).setParameter(6, c.jdbcUrl()).setParameter(7, c.jdbcUser())
                .setParameter(8, c.endpointUrl()).setParameter(9, json(c.queries())).setParameter(10, sealedSecret)
                .setParameter(11, NativeValues.at(c.createdAt())).setParameter(12, NativeValues.at(c.updatedAt()))
                .executeUpdate();
    }

    /** Replaces the definition; a null {@code sealedSecret} keeps the stored one. */
    public void update(Connector c, byte[] sealedSecret) {
        em.createNativeQuery("update app.connector set name = ?2, enabled = ?3, jdbc_url = ?4, jdbc_user = ?5, endpoint_url = ?6,"
                        + " queries = cast(?7 as jsonb), updated_at = ?8 where id = ?1")
                .setParameter(1, c.id()).setParameter(2, c.name()).setParameter(3, c.enabled()).setParameter(4, c.jdbcUrl())
                .setParameter(5, c.jdbcUser()).setParameter(6, c.endpointUrl()).setParameter(7, json(c.queries()))
                .setParameter(8, NativeValues.at(c.updatedAt())).executeUpdate();
        if (sealedSecret != null) {
            em.createNativeQuery("update app.connector set sealed_secret = ?2 where id = ?1")
                    .setParameter(1, c.id()).setParameter(2, sealedSecret).executeUpdate();
        }
    }

    public boolean delete(UUID id) {
        return em.createNativeQuery("delete from app.connector where id = ?1").setParameter(1, id).executeUpdate() == 1;
    }

    public Optional<Connector> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from app.connector where id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(ConnectorRepository::connector);
    }

    public Optional<Connector> findByName(String name) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from app.connector where name = ?1")
                .setParameter(1, name).getResultList();
        return rows.stream().findFirst().map(ConnectorRepository::connector);
    }

    public List<Connector> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from app.connector order by name").getResultList();
        return rows.stream().map(ConnectorRepository::connector).toList();
    }

    public List<UUID> enabledIds() {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select id from app.connector where enabled order by created_at, id").getResultList();
        return ids.stream().map(id -> (UUID) id).toList();
    }

    public byte[] sealedSecret(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select sealed_secret from app.connector where id = ?1 and sealed_secret is not null")
                .setParameter(1, id).getResultList();
        return rows.isEmpty() ? null : (byte[]) rows.get(0);
    }

    /** The tenant of an enabled HTTP connector, before any tenant is bound (SECURITY DEFINER); empty when there is none. */
    public Optional<UUID> callbackTenant(UUID connectorId) {
        Object tenant = em.createNativeQuery("select app.resolve_callback_connector(?1)").setParameter(1, connectorId).getSingleResult();
        return Optional.ofNullable((UUID) tenant);
    }

    /**
     * Records a callback's webhook-id, and forgets the connector's ids older than a day; false when the id was
     * recorded before.
     */
    public boolean recordCallback(UUID tenantId, UUID connectorId, String webhookId, UUID dsarId, Instant now) {
        em.createNativeQuery("delete from app.connector_callback where connector_id = ?1 and received_at < ?2")
                .setParameter(1, connectorId).setParameter(2, NativeValues.at(now.minus(java.time.Duration.ofDays(1)))).executeUpdate();
        return em.createNativeQuery("insert into app.connector_callback (tenant_id, connector_id, webhook_id, dsar_id, received_at)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict (connector_id, webhook_id) do nothing")
                .setParameter(1, tenantId).setParameter(2, connectorId).setParameter(3, webhookId).setParameter(4, dsarId)
                .setParameter(5, NativeValues.at(now)).executeUpdate() == 1;
    }

    private static Connector connector(Object[] r) {
        return new Connector((UUID) r[0], (UUID) r[1], (String) r[2], ConnectorKind.valueOf((String) r[3]), (Boolean) r[4],
                (String) r[5], (String) r[6], (String) r[7], queries((String) r[8]), (Boolean) r[9],
                NativeValues.instant(r[10]), NativeValues.instant(r[11]));
    }

    private static String json(List<CategoryQuery> queries) {
        try {
            return JSON.writeValueAsString(queries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CategoryQuery> queries(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<CategoryQuery>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connector queries do not parse", e);
        }
    }
}
