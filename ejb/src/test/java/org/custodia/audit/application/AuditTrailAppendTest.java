package org.custodia.audit.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.custodia.audit.domain.ChainHead;
import org.custodia.audit.domain.PendingAuditEvent;
import org.custodia.audit.infrastructure.AuditEventRepository;
import org.custodia.platform.context.Actor;
import org.junit.jupiter.api.Test;

/**
 * Appended events reach the chain when their transaction is about to commit, in append order, in one
 * chaining per transaction; whoever reads the chain or locks its head within the transaction sees them first.
 */
class AuditTrailAppendTest {

    private static final UUID TENANT = UUID.fromString("2f0c6f55-1f0b-4d0e-8f57-6c1d2b7e9a31");
    private static final Actor ACTOR = Actor.system(TENANT, "test", "req-1");

    /** What the repository was asked to do, in order. */
    private final List<String> calls = new ArrayList<>();
    private SQLException chainFailure;

    private AuditTrail trail(OneTransaction tx) {
        AuditTrail trail = new AuditTrail();
        trail.transactions = tx;
        trail.events = new AuditEventRepository() {
            @Override
            public void chain(UUID tenantId, List<PendingAuditEvent> pending, Instant at) throws SQLException {
                if (chainFailure != null) {
                    throw chainFailure;
                }
                calls.add("chain " + tenantId + " " + pending.stream().map(PendingAuditEvent::eventType).toList());
            }

            @Override
            public ChainHead lockHead(UUID tenantId) {
                calls.add("lock head");
                return ChainHead.EMPTY;
            }
        };
        return trail;
    }

    @Test
    void eventsWaitForTheCommitAndAreChainedTogetherInAppendOrder() {
        OneTransaction tx = new OneTransaction();
        AuditTrail trail = trail(tx);
        trail.append(ACTOR, "dsar.received", "dsar", "d-1", Map.of());
        trail.append(ACTOR, "dsar.acknowledged", "dsar", "d-1", Map.of("n", 1));
        assertThat(calls).isEmpty();
        assertThat(tx.synchronizationCount()).isEqualTo(1);

        tx.commit();

        assertThat(calls).containsExactly("chain " + TENANT + " [dsar.received, dsar.acknowledged]");
    }

    @Test
    void theAppendRateCountsEventsOfCommittedTransactionsOnly() {
        List<Integer> counted = new ArrayList<>();
        OneTransaction committed = new OneTransaction();
        AuditTrail trail = trail(committed);
        trail.committed = counted::add;
        trail.append(ACTOR, "dsar.received", "dsar", "d-1", Map.of());
        trail.append(ACTOR, "dsar.acknowledged", "dsar", "d-1", Map.of());
        assertThat(counted).as("nothing before the commit").isEmpty();
        committed.commit();
        assertThat(counted).containsExactly(2);

        OneTransaction failing = new OneTransaction();
        AuditTrail again = trail(failing);
        again.committed = counted::add;
        again.append(ACTOR, "dsar.closed", "dsar", "d-1", Map.of());
        chainFailure = new SQLException("the chain head is gone");
        assertThatThrownBy(failing::commit).isInstanceOf(IllegalStateException.class);
        assertThat(counted).as("a rolled-back transaction adds nothing").containsExactly(2);
    }

    @Test
    void lockingTheHeadChainsWhatTheTransactionAppendedSoFarFirst() {
        OneTransaction tx = new OneTransaction();
        AuditTrail trail = trail(tx);
        trail.append(ACTOR, "audit.exported", "audit_export", "e-1", Map.of());
        trail.lockHead(TENANT);
        trail.append(ACTOR, "audit.checkpoint", "audit_checkpoint", "c-1", Map.of());
        tx.commit();

        assertThat(calls).containsExactly(
                "chain " + TENANT + " [audit.exported]",
                "lock head",
                "chain " + TENANT + " [audit.checkpoint]");
    }

    @Test
    void aTransactionWithoutEventsNeverTouchesTheChain() {
        OneTransaction tx = new OneTransaction();
        trail(tx).lockHead(TENANT);
        tx.commit();

        assertThat(calls).containsExactly("lock head");
        assertThat(tx.synchronizationCount()).isZero();
    }

    @Test
    void aTransactionThatCannotCommitTakesNoEvent() {
        OneTransaction tx = new OneTransaction();
        AuditTrail trail = trail(tx);
        tx.setRollbackOnly();

        trail.append(ACTOR, "dsar.received", "dsar", "d-1", Map.of());

        assertThat(tx.synchronizationCount()).isZero();
        assertThat(tx.getResource(TransactionAuditEvents.class.getName())).isNull();
        assertThat(calls).isEmpty();
    }

    @Test
    void eventsThatCannotBeChainedFailTheCommit() {
        OneTransaction tx = new OneTransaction();
        trail(tx).append(ACTOR, "dsar.received", "dsar", "d-1", Map.of());
        chainFailure = new SQLException("canceling statement due to lock timeout", "55P03");

        assertThatThrownBy(tx::commit)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rolls back")
                .hasCause(chainFailure);
        assertThat(tx.getTransactionStatus()).isEqualTo(jakarta.transaction.Status.STATUS_ROLLEDBACK);
    }
}
