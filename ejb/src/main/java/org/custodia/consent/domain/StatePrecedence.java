package org.custodia.consent.domain;

import java.time.Instant;

/**
 * When a new decision replaces the one the current-state projection holds for a subject and purpose.
 * The projection has one writer ({@code ConsentStateRepository.advance}); the caller says which rule applies.
 */
public enum StatePrecedence {

    /**
     * A decision recorded now (API, web, GPC, withdrawal link, expiry): it is the ledger's newest event for the
     * subject and purpose, so it replaces what the projection holds, whatever time that carries (another node's
     * clock may run ahead).
     */
    RECORDED_NOW,

    /**
     * Imported history carries its own {@code recordedAt}: it replaces the held state only when that was recorded
     * at the same time or earlier, so an import never overwrites a newer decision.
     */
    LATEST_RECORDED;

    /** Whether a decision recorded at {@code incoming} replaces a held state recorded at {@code held}. */
    public boolean replaces(Instant held, Instant incoming) {
        return this == RECORDED_NOW || !held.isAfter(incoming);
    }
}
