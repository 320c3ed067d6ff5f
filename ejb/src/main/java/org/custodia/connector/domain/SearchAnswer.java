package org.custodia.connector.domain;

/** A connector's answer to a search: what it found, or that it will call back later (an HTTP connector's 202). */
public record SearchAnswer(FoundData found) {

    public static SearchAnswer later() {
        return new SearchAnswer(null);
    }

    public boolean callsBack() {
        return found == null;
    }
}
