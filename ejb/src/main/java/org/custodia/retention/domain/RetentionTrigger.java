package org.custodia.retention.domain;

/** The event a retention period counts from. */
public enum RetentionTrigger {
    COLLECTION("after collection"),
    LAST_ACTIVITY("after the data subject's last activity"),
    END_OF_RELATIONSHIP("after the relationship (customer, employment, contract) ends"),
    CASE_CLOSED("after the case or request is closed"),
    CONSENT_WITHDRAWN("after consent is withdrawn"),
    /** commercial and tax law count from the end of the calendar year of the record (e.g. HGB § 257(5), AO § 147(4)) */
    END_OF_YEAR("after the end of the calendar year the record belongs to");

    private final String phrase;

    RetentionTrigger(String phrase) {
        this.phrase = phrase;
    }

    public String phrase() {
        return phrase;
    }
}
