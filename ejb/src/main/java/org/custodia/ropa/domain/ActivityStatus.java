package org.custodia.ropa.domain;

/** Where an entry of the register stands: written, waiting for the DPO, or approved by the DPO as it now reads. */
public enum ActivityStatus { DRAFT, IN_REVIEW, APPROVED }
