package org.custodia.notification.domain;

import java.net.URI;
import java.time.Instant;

/**
 * To the tenant's IT users (else its admins): a webhook subscription stopped after its last retry failed.
 *
 * @param tenantName  the organisation
 * @param host        the host of the endpoint that failed
 * @param reason      why it stopped, in Custodia's words (no response text from the endpoint)
 * @param stoppedAt   when it stopped
 * @param consoleLink where to look at its deliveries
 */
public record WebhookDisabled(String tenantName, String host, String reason, Instant stoppedAt, URI consoleLink) implements MailModel {

    public WebhookDisabled {
        MailFields.text("tenantName", tenantName, 200);
        MailFields.text("host", host, 300);
        MailFields.text("reason", reason, 300);
        MailFields.required("stoppedAt", stoppedAt);
        MailFields.link("consoleLink", consoleLink);
    }
}
