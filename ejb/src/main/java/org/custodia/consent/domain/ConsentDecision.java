package org.custodia.consent.domain;

/**
 * Ledger event kinds. GRANTED and WITHDRAWN are what a subject decided; EXPIRED is appended when a
 * grant's validity ran out; SUPERSEDED when a new grant (to a newer notice) replaced an older one.
 */
public enum ConsentDecision {
    GRANTED, WITHDRAWN, EXPIRED, SUPERSEDED;

    public boolean allows() {
        return this == GRANTED;
    }
}
