package org.custodia.notification.domain;

import java.net.URI;
import java.time.Instant;

/**
 * To the data subject: confirm the address the request came from by opening a single-use link.
 *
 * @param tenantName       the organisation the request was made to
 * @param verificationLink the single-use link
 * @param expiresAt        when the link stops working
 */
public record IdentityVerificationLink(String tenantName, URI verificationLink, Instant expiresAt) implements MailModel {

    public IdentityVerificationLink {
        MailFields.text("tenantName", tenantName, 200);
        MailFields.link("verificationLink", verificationLink);
        MailFields.required("expiresAt", expiresAt);
    }
}
