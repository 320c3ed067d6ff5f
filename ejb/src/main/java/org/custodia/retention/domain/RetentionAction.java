package org.custodia.retention.domain;

/** What happens to a record once its retention period has run. */
public enum RetentionAction {
    ERASE("then erase"),
    /** no longer personal data (GDPR Recital 26): kept for statistics */
    ANONYMISE("then anonymise"),
    /** a person decides (a hold, a dispute, a new purpose) and records why */
    REVIEW("then review");

    private final String phrase;

    RetentionAction(String phrase) {
        this.phrase = phrase;
    }

    public String phrase() {
        return phrase;
    }
}
