package org.custodia.dpia.domain;

/**
 * Where an assessment stands: screened as not needed (the screening and its reasoning are kept), being answered, with
 * the DPO for an opinion, or signed off.
 */
public enum DpiaStatus { NOT_REQUIRED, IN_PROGRESS, IN_REVIEW, APPROVED }
