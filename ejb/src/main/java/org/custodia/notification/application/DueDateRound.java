package org.custodia.notification.application;

import java.util.UUID;

/**
 * A context's dates to remind people of (review dates, due dates), as a CDI bean the {@link DueDateSchedule} calls for
 * each tenant. Implementations claim what is due and queue its mail in one transaction, so nothing is reminded twice.
 */
public interface DueDateRound {

    /** At most this many per call; a call that reminded this many is called again. */
    int PER_ROUND = 500;

    /** How many days ahead of a date its owner is reminded. */
    int DAYS_AHEAD = 14;

    /** What the round reminds of, for logs. */
    String name();

    /** One round for the tenant, in a transaction of its own: how many reminders were queued. */
    int remindDue(UUID tenantId);
}
