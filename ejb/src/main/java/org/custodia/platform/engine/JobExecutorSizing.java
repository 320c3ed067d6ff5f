package org.custodia.platform.engine;

import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.custodia.platform.config.Setting;

/**
 * How many jobs the engine runs at once and fetches per round (the {@code JOBS_*} settings). Camunda's pool starts threads
 * beyond its core only while its queue is full, so the core is the smaller of 3 and the maximum, and the queue decides
 * how soon more threads start. The defaults are Camunda's; bench/README.md ("DSAR timers") measures what they cost
 * when thousands of deadline timers fall due together.
 */
public record JobExecutorSizing(int threads, int queue, int perAcquisition, int idleWaitMillis, long maxWaitMillis) {

    static final int CORE_THREADS = 3;

    public JobExecutorSizing {
        atLeastOne(Setting.JOBS_THREADS, threads);
        atLeastOne(Setting.JOBS_QUEUE, queue);
        atLeastOne(Setting.JOBS_PER_ACQUISITION, perAcquisition);
    }

    /** The server's settings. */
    static JobExecutorSizing configured() {
        return new JobExecutorSizing(Setting.JOBS_THREADS.integer(), Setting.JOBS_QUEUE.integer(),
                Setting.JOBS_PER_ACQUISITION.integer(), Setting.JOBS_WAIT_MS.integer(), Setting.JOBS_MAX_WAIT_MS.longValue());
    }

    DefaultJobExecutor executor() {
        DefaultJobExecutor executor = new DefaultJobExecutor();
        executor.setCorePoolSize(Math.min(CORE_THREADS, threads));
        executor.setMaxPoolSize(threads);
        executor.setQueueSize(queue);
        executor.setMaxJobsPerAcquisition(perAcquisition);
        // an idle executor backs off; keep the back-off short so deadline timers fire promptly
        executor.setWaitTimeInMillis(idleWaitMillis);
        executor.setMaxWait(maxWaitMillis);
        return executor;
    }

    private static void atLeastOne(Setting setting, int value) {
        if (value < 1) {
            throw new IllegalStateException(setting.environmentName() + " must be at least 1, not " + value);
        }
    }
}
