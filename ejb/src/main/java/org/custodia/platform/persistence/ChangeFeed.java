package org.custodia.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells the other nodes that something they may hold in memory changed: a consent, a revoked API key, an
 * ended session, a tenant's roles. The writer sends {@code NOTIFY custodia_changes} in its own transaction
 * (PostgreSQL delivers it only if, and when, that transaction commits); each node listens on one dedicated
 * connection and fires a {@link ClusterChange} for its caches. The writing node updates its own caches at
 * commit and ignores its own notifications. A node that loses its listening connection fires
 * {@link ClusterChange#EVERYTHING}, since it may have missed changes.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // writers must not queue on a lock
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChangeFeed {

    /** A change another node committed: {@code kind} names what, {@code parts} which (ids, keys). */
    public record ClusterChange(String kind, List<String> parts) {
        public static final ClusterChange EVERYTHING = new ClusterChange("*", List.of());

        public boolean everything() {
            return "*".equals(kind);
        }
    }

    static final String CHANNEL = "custodia_changes";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NODE = UUID.randomUUID().toString();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Resource(lookup = TenantSession.DATASOURCE)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Event<ClusterChange> changes;

    private volatile boolean running = true;
    private Thread listener;

    /** In the writer's transaction: delivered to the other nodes when it commits. */
    public void publish(String kind, String... parts) {
        List<String> message = new ArrayList<>(parts.length + 2);
        message.add(NODE);
        message.add(kind);
        message.addAll(List.of(parts));
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
        listener.setName("cluster-change-feed");
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
                changes.fire(ClusterChange.EVERYTHING); // whatever happened while nobody listened
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
                LOG.warnf("cluster change feed lost its connection (%s); listening again", e.getClass().getSimpleName());
                changes.fire(ClusterChange.EVERYTHING);
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
            List<String> m = JSON.readValue(payload, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            if (NODE.equals(m.get(0))) {
                return; // this node already updated its caches at commit
            }
            changes.fire(new ClusterChange(m.get(1), List.copyOf(m.subList(2, m.size()))));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("unreadable change notification (%s)", e.getClass().getSimpleName());
        }
    }
}
