package org.custodia.dsar.domain;

/**
 * What a data subject asks for. Which jurisdiction knows which type, with the provision that gives it:
 * {@link RequestTypes} (table in docs/request-types.md). The names are API values.
 */
public enum DsarType {
    ACCESS,
    ERASURE,
    /** Correction of inaccurate or incomplete data (GDPR Art. 16; CCPA calls it correction). */
    RECTIFICATION,
    PORTABILITY,
    /** Restriction of processing (GDPR Art. 18; LGPD's blocking). */
    RESTRICTION,
    OBJECTION,
    /** Opt-out of the sale or sharing of personal data, and of targeted advertising (US state laws). */
    OPT_OUT_OF_SALE_OR_SHARING,
    /** Limit the use and disclosure of sensitive personal information (CCPA/CPRA). */
    LIMIT_SENSITIVE_DATA_USE,
    /** Appeal of a refused request, where a US state law requires an appeal process. */
    APPEAL,
    /** Nomination of a person to exercise the rights after death or incapacity (India DPDPA). */
    NOMINATION
}
