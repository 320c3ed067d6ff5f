package org.custodia.notification.domain;

import java.net.URI;
import java.time.Instant;

/**
 * To a data subject who asked the privacy center for it: a link to see and withdraw their consents.
 *
 * @param tenantName  the organisation holding the consents
 * @param consentLink the link (its token in the fragment)
 * @param expiresAt   when the link stops working
 */
public record ConsentLink(String tenantName, URI consentLink, Instant expiresAt) implements MailModel {

    public ConsentLink {
        MailFields.text("tenantName", tenantName, 200);
        MailFields.link("consentLink", consentLink);
        MailFields.required("expiresAt", expiresAt);
    }
}
