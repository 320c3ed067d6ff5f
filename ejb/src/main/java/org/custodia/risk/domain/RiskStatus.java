package org.custodia.risk.domain;

/**
 * Where a risk stands in its treatment (ISO 31000 6.5): identified and open, treated (its residual rating says how far),
 * accepted by its owner as it is, or closed (the processing ended or the risk no longer applies).
 */
public enum RiskStatus { OPEN, TREATED, ACCEPTED, CLOSED }
