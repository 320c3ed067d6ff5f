package org.custodia.audit.application;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

import org.custodia.audit.domain.PendingAuditEvent;
import org.custodia.audit.infrastructure.AuditEventRepository;

/**
 * The audit events one JTA transaction appended, put on their tenant's chain when the transaction is about to
 * commit. Registered as an interposed synchronisation, so its {@code beforeCompletion} runs after the writes of
 * the transaction's own work (JPA's and the process engine's flushes): the tenant's chain head stays locked for
 * the event inserts and the commit only. Holding it from the append to the commit made a tenant's transactions
 * queue behind each other's engine flushes (bench/README.md, "DSAR timers"). A failure here rolls the
 * transaction back, so an event still exists if and only if the change it describes committed.
 */
final class TransactionAuditEvents implements Synchronization {

    private final AuditEventRepository events;
    private final Clock clock;
    private final IntConsumer committed;
    private final Map<UUID, List<PendingAuditEvent>> pending = new LinkedHashMap<>();
    private int chained;

    /** {@code committed}: told how many events the transaction put on chains, once it has committed. */
    TransactionAuditEvents(AuditEventRepository events, Clock clock, IntConsumer committed) {
        this.events = events;
        this.clock = clock;
        this.committed = committed;
    }

    void add(PendingAuditEvent event) {
        pending.computeIfAbsent(event.tenantId(), t -> new ArrayList<>()).add(event);
    }

    /** Chains the events appended so far now, in append order; the tenant's head stays locked until the end. */
    void chainNow() {
        for (Map.Entry<UUID, List<PendingAuditEvent>> tenant : pending.entrySet()) {
            if (tenant.getValue().isEmpty()) {
                continue;
            }
            try {
                // microseconds, as the database stores and the hash writes it
                events.chain(tenant.getKey(), tenant.getValue(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
            } catch (SQLException e) {
                throw new IllegalStateException("audit events could not be chained; the transaction rolls back", e);
            }
            chained += tenant.getValue().size();
            tenant.getValue().clear();
        }
    }

    @Override
    public void beforeCompletion() {
        chainNow();
    }

    @Override
    public void afterCompletion(int status) {
        pending.clear();
        if (status == Status.STATUS_COMMITTED && chained > 0) {
            committed.accept(chained);
        }
    }
}
