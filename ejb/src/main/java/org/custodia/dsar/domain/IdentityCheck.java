package org.custodia.dsar.domain;

/**
 * How a request's subject proves who they are; dsar.bpmn branches on the name (variable {@code identityCheck},
 * codes {@code DsarProcess.IDENTITY_*}).
 */
public enum IdentityCheck {
    /** Already verified: a staff member attests it when submitting (audited as theirs). */
    VERIFIED,
    /** The subject confirms their email address through an expiring link (the public intake). */
    EMAIL_LINK,
    /** An APPROVER checks the documents the subject sent. */
    DOCUMENTS
}
