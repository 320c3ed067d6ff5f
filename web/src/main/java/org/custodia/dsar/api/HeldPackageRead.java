package org.custodia.dsar.api;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.custodia.dsar.application.PackageReadPermits;

/**
 * The response-package read permit of one HTTP request ({@link PackageReadPermits}): taken before the download's
 * transaction, so waiting for it holds no database connection or lock, and given back when the request ends, after
 * the package's bytes have been written to the client.
 */
@RequestScoped
public class HeldPackageRead {

    @Inject
    PackageReadPermits permits;

    private PackageReadPermits.Permit permit;

    /** Takes a permit for the rest of this request (waits, then 503 problem); a second call keeps the first. */
    public void take() {
        if (permit == null) {
            permit = permits.acquire();
        }
    }

    @PreDestroy
    void giveBack() {
        if (permit != null) {
            permit.close();
        }
    }
}
