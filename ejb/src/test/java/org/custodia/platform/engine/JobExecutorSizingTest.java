package org.custodia.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;

class JobExecutorSizingTest {

    @Test
    void theSettingsSizeThePoolTheQueueAndTheAcquisition() {
        DefaultJobExecutor executor = new JobExecutorSizing(16, 32, 20, 1000, 5000).executor();
        assertThat(executor.getCorePoolSize()).isEqualTo(3);
        assertThat(executor.getMaxPoolSize()).isEqualTo(16);
        assertThat(executor.getQueueSize()).isEqualTo(32);
        assertThat(executor.getMaxJobsPerAcquisition()).isEqualTo(20);
        assertThat(executor.getWaitTimeInMillis()).isEqualTo(1000);
        assertThat(executor.getMaxWait()).isEqualTo(5000);
    }

    @Test
    void aPoolSmallerThanTheUsualCoreIsAllCore() {
        DefaultJobExecutor executor = new JobExecutorSizing(2, 3, 3, 1000, 5000).executor();
        assertThat(executor.getCorePoolSize()).isEqualTo(2);
        assertThat(executor.getMaxPoolSize()).isEqualTo(2);
    }

    @Test
    void noneOfTheSizesMayBeZero() {
        assertThatThrownBy(() -> new JobExecutorSizing(0, 3, 3, 1000, 5000)).hasMessageContaining("CUSTODIA_JOBS_THREADS");
        assertThatThrownBy(() -> new JobExecutorSizing(10, 0, 3, 1000, 5000)).hasMessageContaining("CUSTODIA_JOBS_QUEUE");
        assertThatThrownBy(() -> new JobExecutorSizing(10, 3, 0, 1000, 5000)).hasMessageContaining("CUSTODIA_JOBS_PER_ACQUISITION");
    }

    /**
     * Camunda's thread count, but 20 jobs per acquisition and queued instead of its 3: the acquisition query scans the
     * job table once per round, and with 3 a round 10,000 timers due together waited on the one acquisition thread
     * (~85 jobs/s; 20: ~160 jobs/s, bench/README.md "DSAR timers").
     */
    @Test
    void theDefaultsAreCamundasThreadsWithTwentyJobsARound() {
        DefaultJobExecutor camunda = new DefaultJobExecutor();
        assertThat(Integer.parseInt(org.custodia.platform.config.Setting.JOBS_THREADS.defaultValue())).isEqualTo(camunda.getMaxPoolSize());
        assertThat(Integer.parseInt(org.custodia.platform.config.Setting.JOBS_QUEUE.defaultValue())).isEqualTo(20);
        assertThat(Integer.parseInt(org.custodia.platform.config.Setting.JOBS_PER_ACQUISITION.defaultValue())).isEqualTo(20);
        assertThat(camunda.getMaxJobsPerAcquisition()).isEqualTo(3);
    }
}
