package org.custodia.notification.domain;

import java.net.URI;
import java.time.Instant;

/**
 * To the data subject: the answer to their request is ready to download, once, through an expiring link.
 *
 * @param tenantName   the organisation answering
 * @param reference    the request's reference
 * @param downloadLink the single-use download link
 * @param expiresAt    when the link stops working
 */
public record ResponseReady(String tenantName, String reference, URI downloadLink, Instant expiresAt) implements MailModel {

    public ResponseReady {
        MailFields.text("tenantName", tenantName, 200);
        MailFields.reference("reference", reference);
        MailFields.link("downloadLink", downloadLink);
        MailFields.required("expiresAt", expiresAt);
    }
}
