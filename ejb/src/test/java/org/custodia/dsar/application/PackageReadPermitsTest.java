package org.custodia.dsar.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PackageReadPermitsTest {

    @Test
    void aReadBeyondThePermitsWaitsThenIsRefusedWith503AndRetryAfter() throws Exception {
        PackageReadPermits reads = new PackageReadPermits(1, 200);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> reads.read(() -> {
            holding.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        holder.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        boolean[] ran = {false};
        assertThatThrownBy(() -> reads.read(() -> ran[0] = true))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(503);
                    assertThat(p.type()).isEqualTo("package-reads-busy");
                    assertThat(p.retryAfterSeconds()).isPositive();
                });
        assertThat(ran[0]).as("a refused read does nothing").isFalse();
        release.countDown();
        holder.join();
        assertThat(reads.read(() -> "after")).isEqualTo("after");
    }

    @Test
    void aReadThatFailsGivesItsPermitBack() {
        PackageReadPermits reads = new PackageReadPermits(1, 100);
        assertThatThrownBy(() -> reads.read(() -> {
            throw ProblemException.notFound("package");
        })).isInstanceOf(ProblemException.class);
        assertThat(reads.read(() -> 42)).isEqualTo(42);
    }

    @Test
    void aWaitingReadGetsThePermitWhenOneIsReleasedInTime() throws Exception {
        PackageReadPermits reads = new PackageReadPermits(1, 5_000);
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = new Thread(() -> reads.read(() -> {
            holding.countDown();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }));
        holder.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(reads.read(() -> "waited")).isEqualTo("waited");
        holder.join();
    }

    @Test
    void aPermitClosedTwiceIsGivenBackOnce() {
        PackageReadPermits reads = new PackageReadPermits(1, 100);
        PackageReadPermits.Permit permit = reads.acquire();
        permit.close();
        permit.close();
        try (PackageReadPermits.Permit again = reads.acquire()) {
            assertThatThrownBy(reads::acquire).as("closing twice must not make two permits of one")
                    .isInstanceOf(ProblemException.class);
        }
    }
}
