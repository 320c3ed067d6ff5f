package org.custodia.notification.domain;

/**
 * What one templated mail may say: each record component becomes one template variable of the same name
 * (text as is, an {@link java.time.Instant} formatted in the tenant's zone, a {@link java.net.URI} as text).
 * Sealed, so a mail type's possible content is this list and nothing a caller adds on the fly: a template can
 * only print what its model holds.
 */
public sealed interface MailModel
        permits RequestAcknowledgement, IdentityVerificationLink, ResponseReady, RefusalNotice, ReviewerNotice, UserInvitation, ConsentLink, WebhookDisabled,
        RegisterDueNotice {
}
