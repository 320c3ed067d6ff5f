package org.custodia.dsar.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which earlier request a new one repeats: one from the same subject (blind index of the address) and of the same
 * type, received within the tenant's window. The new request is linked, never merged: it goes on, and the reviewer
 * decides (e.g. manifestly excessive). A chain points at its first request; requests that ended because the
 * subject never confirmed their address count for nothing (anyone can type someone else's address).
 */
public final class DuplicateRequests {

    /** An earlier request of the same subject and type, as the repository finds it. */
    public record Earlier(UUID id, UUID duplicateOf, Instant receivedAt, DsarRequest.Status status) {
    }

    private DuplicateRequests() {
    }

    /** The request {@code received} at that time repeats, if any: the first of the chain of the latest one in the window. */
    public static Optional<UUID> original(UUID newId, Instant received, List<Earlier> earlier, IntakeSettings settings) {
        return earlier.stream()
                .filter(e -> !e.id().equals(newId))
                .filter(e -> e.status() != DsarRequest.Status.IDENTITY_NOT_CONFIRMED)
                .filter(e -> settings.withinDuplicateWindow(e.receivedAt(), received))
                .max(Comparator.comparing(Earlier::receivedAt))
                .map(e -> e.duplicateOf() != null ? e.duplicateOf() : e.id());
    }
}
