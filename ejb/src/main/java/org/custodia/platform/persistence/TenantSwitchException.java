package org.custodia.platform.persistence;

import jakarta.ejb.ApplicationException;

/** Work for one tenant asked to run for another in the same transaction: refused, and the transaction rolls back. */
@ApplicationException(rollback = true)
public class TenantSwitchException extends IllegalStateException {

    public TenantSwitchException(String message) {
        super(message);
    }
}
