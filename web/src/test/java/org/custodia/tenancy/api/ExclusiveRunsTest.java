package org.custodia.tenancy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ExclusiveRunsTest {

    @Test
    void oneRunPerTenantAndOperationUntilItFinishes() {
        ExclusiveRuns runs = new ExclusiveRuns(Duration.ofMinutes(10));
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Object first = runs.tryStart(a, "verify");
        assertThat(first).isNotNull();
        assertThat(runs.tryStart(a, "verify")).isNull();
        assertThat(runs.tryStart(a, "export")).isNotNull();
        assertThat(runs.tryStart(b, "verify")).isNotNull();
        runs.finish(first);
        runs.finish(first); // twice is harmless and frees nobody else's run
        Object second = runs.tryStart(a, "verify");
        assertThat(second).isNotNull();
        runs.finish(first);
        assertThat(runs.tryStart(a, "verify")).isNull();
    }
}
