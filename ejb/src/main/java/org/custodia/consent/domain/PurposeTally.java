package org.custodia.consent.domain;

/** One purpose's line of the consent summary: decisions recorded in the period and subjects granted now. */
public record PurposeTally(String purposeKey, String name, int version, long grants, long withdrawals, long grantedNow) {
}
