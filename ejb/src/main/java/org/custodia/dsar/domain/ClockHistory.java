package org.custodia.dsar.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The recorded facts that moved a request's deadline, each with the move it made: its one extension (or
 * none) and its pauses. The facts alone give the deadline ({@link #clock}); the moves are the evidence.
 *
 * @param extension null while the request has not been extended
 */
public record ClockHistory(RecordedExtension extension, List<RecordedPause> pauses) {

    public ClockHistory {
        pauses = List.copyOf(pauses);
    }

    /** An extension as decided and recorded, and the due date it moved. */
    public record RecordedExtension(String reason, Instant noticeSentAt, String decidedBy, Instant decidedAt,
                                    Instant dueBefore, Instant dueAfter) {
    }

    /** A time the clock stood still as recorded, and the due date it moved. */
    public record RecordedPause(LocalDate askedOn, LocalDate arrivedOn, String recordedBy, Instant recordedAt,
                                Instant dueBefore, Instant dueAfter) {
    }

    /** The facts the deadline policy counts from. */
    public RequestClock clock(Instant receivedAt) {
        return new RequestClock(receivedAt,
                pauses.stream().map(p -> new RequestClock.Pause(p.askedOn(), p.arrivedOn())).toList(),
                extension == null ? null
                        : new RequestClock.Extension(extension.reason(), extension.noticeSentAt(), extension.decidedBy()));
    }
}
