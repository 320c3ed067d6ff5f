package org.custodia.dsar.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * When a request's timers fire: the warning, the legal deadline and the escalation. The deadline is the law's
 * ({@link DsarDeadlinePolicy}); warning and escalation are the tenant's service levels ({@link SlaTiming})
 * around it. These are the dsar.bpmn variables {@code warningAt}, {@code dueAt}, {@code escalateAt}.
 *
 * @param lastDay the last day to answer in the controller's zone; {@code dueAt} is its end
 */
public record DsarSchedule(LocalDate lastDay, Instant warningAt, Instant dueAt, Instant escalateAt) {

    /** A warning due before receipt fires at receipt (a request that arrives late in its period). */
    public static DsarSchedule of(DsarDeadlinePolicy.Deadline deadline, Instant receivedAt, SlaTiming timing) {
        Instant warningAt = deadline.dueAt().minus(timing.warningBefore());
        return new DsarSchedule(deadline.lastDay(), warningAt.isBefore(receivedAt) ? receivedAt : warningAt,
                deadline.dueAt(), deadline.dueAt().plus(timing.escalationAfter()));
    }
}
