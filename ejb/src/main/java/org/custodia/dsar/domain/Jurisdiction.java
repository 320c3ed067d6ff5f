package org.custodia.dsar.domain;

/** Legal regimes whose request deadlines Custodia computes (see DsarDeadlinePolicy for the rules). */
public enum Jurisdiction {
    EU_GDPR, UK_GDPR, US_CA_CCPA, BR_LGPD, CA_PIPEDA
}
