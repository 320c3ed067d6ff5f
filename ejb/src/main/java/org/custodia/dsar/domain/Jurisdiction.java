package org.custodia.dsar.domain;

/**
 * Legal regimes whose request deadlines Custodia computes; each has one {@link DeadlineRule}
 * ({@link DsarDeadlinePolicy#rule(Jurisdiction)}, table in docs/deadlines.md). The names are API values.
 */
public enum Jurisdiction {
    EU_GDPR, UK_GDPR, US_CA_CCPA, US_VA_VCDPA, US_CO_CPA, BR_LGPD, IN_DPDPA, CA_PIPEDA
}
