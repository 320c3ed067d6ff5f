package org.custodia.dsar.application;

import jakarta.ejb.ApplicationException;

/**
 * A connector could not be searched. Thrown as it is (not wrapped by the container) so the engine's incident
 * shows this message as the cause; the job's transaction rolls back and the engine retries.
 */
@ApplicationException(rollback = true)
public class DiscoveryFailedException extends RuntimeException {

    public DiscoveryFailedException(String message) {
        super(message);
    }
}
