package org.custodia.dsar.application;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.platform.config.Setting;
import org.custodia.platform.problem.ProblemException;

/**
 * How many response packages a node opens at once ({@code CUSTODIA_PACKAGE_READS}, default 4): a file or archive
 * is read, decrypted and zipped in memory (up to 2 × 32 MiB of content, several copies on the way), so many
 * downloads at once could exhaust the heap. A read waits up to {@link #PATIENCE_SECONDS} for a permit, then is
 * refused with 503 and Retry-After, having done nothing.
 */
@ApplicationScoped
public class PackageReadPermits {

    static final long PATIENCE_SECONDS = 10;

    private final Semaphore permits;
    private final long patienceMillis;

    public PackageReadPermits() {
        this(Math.max(1, Setting.PACKAGE_READS.integer()), PATIENCE_SECONDS * 1000);
    }

    PackageReadPermits(int permits, long patienceMillis) {
        this.permits = new Semaphore(permits, true);
        this.patienceMillis = patienceMillis;
    }

    /** {@code read} under a permit. */
    public <T> T read(Supplier<T> read) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(patienceMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ProblemException.busy("package-reads-busy", "Too many packages opened at once",
                    "This server is opening as many response packages as it allows at once (CUSTODIA_PACKAGE_READS);"
                            + " try again shortly.", PATIENCE_SECONDS);
        }
        try {
            return read.get();
        } finally {
            permits.release();
        }
    }
}
