package org.custodia.platform.persistence;

import java.sql.SQLException;

import jakarta.persistence.PersistenceException;

/** Tells a unique-constraint violation (SQLSTATE 23505) apart from other write failures. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    /** Runs the insert; false when a unique constraint refused it (the transaction can then only roll back). */
    public static boolean inserted(Runnable insert) {
        try {
            insert.run();
            return true;
        } catch (PersistenceException e) {
            if (!causedBy(e)) {
                throw e;
            }
            return false;
        }
    }

    public static boolean causedBy(PersistenceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
