package org.custodia.dsar.application;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.platform.config.Setting;
import org.custodia.platform.problem.ProblemException;

/**
 * How many response packages a node opens at once ({@code CUSTODIA_PACKAGE_READS}, default 4, at least 1): a file or
 * archive is read, decrypted and zipped in memory (up to 2 × 32 MiB of content, several copies on the way), so many
 * downloads at once could exhaust the heap. A download takes its permit before its transaction (a wait holds no
 * database connection or row lock) and gives it back once the response is written (the bytes live until then):
 * {@code HeldPackageRead} in the web module. A read waits up to {@link #PATIENCE_SECONDS} for a permit, then is
 * refused with 503 and Retry-After, having done nothing.
 */
@ApplicationScoped
public class PackageReadPermits {

    static final long PATIENCE_SECONDS = 5;

    private final Semaphore permits;
    private final long patienceMillis;

    /** A permit held; closing it gives it back, once however often it is closed. */
    public final class Permit implements AutoCloseable {
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Permit() {
        }

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                permits.release();
            }
        }
    }

    public PackageReadPermits() {
        this(Math.max(1, Setting.PACKAGE_READS.integer()), PATIENCE_SECONDS * 1000);
    }

    PackageReadPermits(int permits, long patienceMillis) {
        this.permits = new Semaphore(permits, true);
        this.patienceMillis = patienceMillis;
    }

    /** A permit, waiting for one up to the patience; 503 problem when none came. */
    public Permit acquire() {
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
        return new Permit();
    }

    /** {@code read} under a permit. */
    public <T> T read(Supplier<T> read) {
        try (Permit permit = acquire()) {
            return read.get();
        }
    }
}
