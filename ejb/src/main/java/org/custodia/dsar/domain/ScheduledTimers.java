package org.custodia.dsar.domain;

import java.time.Instant;

/**
 * When a request's deadline timers will fire as the engine holds them; null for a timer that fired already or
 * whose part of the process is over. What a DPO checks after a deadline moved.
 */
public record ScheduledTimers(Instant warning, Instant breach, Instant escalation) {
}
