package org.custodia.platform.persistence;

import jakarta.ejb.ApplicationException;

/** Tenant work was reached without a tenant: it does not run (and rolls back what its caller began). */
@ApplicationException(rollback = true)
public class TenantNotNamedException extends IllegalStateException {

    public TenantNotNamedException(String message) {
        super(message);
    }
}
