package org.custodia.consent.application;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.platform.persistence.TenantSession;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells every node that a consent changed, so a withdrawal is seen by the very next check everywhere.
 * The writer sends {@code NOTIFY custodia_consent} in its own transaction (PostgreSQL delivers it only
 * if, and when, that transaction commits); each node listens on one dedicated connection and drops the
 * entry. A node that loses its listening connection drops its whole cache and listens again.
 */
@Singleton
@Startup
@jakarta.ejb.ConcurrencyManagement(jakarta.ejb.ConcurrencyManagementType.BEAN) // writers must not queue on a lock
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConsentChangeFeed {

    static final String CHANNEL = "custodia_consent";
    private static final Logger LOG = Logger.getLogger(ConsentChangeFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NODE = UUID.randomUUID().toString();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Resource(lookup = TenantSession.DATASOURCE)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ConsentCheckCache cache;

    private volatile boolean running = true;
    private Thread listener;

    /** In the writer's transaction: one subject's state on one purpose changed. */
    public void publish(UUID tenantId, String purposeKey, String subjectId) {
        send(List.of(NODE, tenantId.toString(), purposeKey, subjectId));
    }

    /** In the writer's transaction: many of a tenant's states changed (a bulk import). */
    public void publishTenant(UUID tenantId) {
        send(List.of(NODE, tenantId.toString()));
    }

    private void send(List<String> message) {
        try {
            em.createNativeQuery("select count(*) from (select pg_notify(?1, ?2)) n").setParameter(1, CHANNEL)
                    .setParameter(2, JSON.writeValueAsString(message)).getSingleResult();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PostConstruct
    void start() {
        listener = threads.newThread(this::listen);
        listener.setName("consent-change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                cache.forgetAll(); // whatever happened while nobody listened
                while (running) {
                    PGNotification[] received = pg.getNotifications(1000);
                    if (received == null) {
                        s.execute("select 1"); // keeps the connection honest; a broken one throws
                        continue;
                    }
                    for (PGNotification n : received) {
                        apply(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("consent change feed lost its connection (%s); listening again", e.getClass().getSimpleName());
                cache.forgetAll();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    void apply(String payload) {
        try {
            List<?> m = JSON.readValue(payload, List.class);
            if (NODE.equals(m.get(0))) {
                return; // this node already updated its entry at commit
            }
            UUID tenantId = UUID.fromString((String) m.get(1));
            if (m.size() == 2) {
                cache.forgetTenant(tenantId);
            } else {
                cache.forget(tenantId, (String) m.get(2), (String) m.get(3));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("unreadable consent change notification (%s)", e.getClass().getSimpleName());
        }
    }
}
