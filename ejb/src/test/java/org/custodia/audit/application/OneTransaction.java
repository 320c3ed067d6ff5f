package org.custodia.audit.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** One active JTA transaction as a registry shows it: resources and interposed synchronisations, committed on demand. */
final class OneTransaction implements TransactionSynchronizationRegistry {

    private final Map<Object, Object> resources = new HashMap<>();
    private final List<Synchronization> synchronizations = new ArrayList<>();
    private int status = Status.STATUS_ACTIVE;

    /** Runs the synchronisations as a commit would; a failing beforeCompletion rolls back and is rethrown. */
    void commit() {
        try {
            synchronizations.forEach(Synchronization::beforeCompletion);
            status = Status.STATUS_COMMITTED;
        } catch (RuntimeException e) {
            status = Status.STATUS_ROLLEDBACK;
            throw e;
        } finally {
            synchronizations.forEach(s -> s.afterCompletion(status));
        }
    }

    int synchronizationCount() {
        return synchronizations.size();
    }

    @Override public Object getTransactionKey() { return this; }
    @Override public void putResource(Object key, Object value) { resources.put(key, value); }
    @Override public Object getResource(Object key) { return resources.get(key); }
    /** Refused once the transaction cannot commit, as Narayana does. */
    @Override public void registerInterposedSynchronization(Synchronization sync) {
        if (status != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("transaction is not active: " + status);
        }
        synchronizations.add(sync);
    }
    @Override public int getTransactionStatus() { return status; }
    @Override public void setRollbackOnly() { status = Status.STATUS_MARKED_ROLLBACK; }
    @Override public boolean getRollbackOnly() { return status == Status.STATUS_MARKED_ROLLBACK; }
}
