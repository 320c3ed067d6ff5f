package org.custodia.consent.domain;

/** What a data subject decided about one purpose. */
public enum ConsentDecision {
    GRANTED, WITHDRAWN;

    public boolean allows() {
        return this == GRANTED;
    }
}
