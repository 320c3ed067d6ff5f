package org.custodia.risk.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A plan to treat a risk (ISO 31000 6.5.2): modify it (mitigate), retain it knowingly (accept), share it (transfer: an
 * insurer, a contract) or avoid it (stop the activity), with an owner and a due date.
 */
public record Treatment(UUID id, UUID riskId, Strategy strategy, String description, UUID ownerId, LocalDate dueDate, Status status,
                        Instant createdAt, Instant updatedAt) {

    public enum Strategy { MITIGATE, ACCEPT, TRANSFER, AVOID }

    public enum Status {
        PLANNED, IN_PROGRESS, DONE, CANCELLED;

        /** Still to be done: reminded of its due date. */
        public boolean open() {
            return this == PLANNED || this == IN_PROGRESS;
        }
    }
}
