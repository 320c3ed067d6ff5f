package org.custodia.notification.domain;

import java.net.URI;
import java.time.Instant;

/**
 * To the data subject: the organisation received their request and answers by the due date.
 *
 * @param tenantName  the organisation (controller) answering
 * @param reference   the request's reference, to quote in replies
 * @param requestType the request type's code
 * @param receivedAt  when the request arrived
 * @param dueAt       when the answer is due at the latest
 * @param statusLink  the request's page in the privacy center (the token in its fragment)
 */
public record RequestAcknowledgement(String tenantName, String reference, String requestType, Instant receivedAt, Instant dueAt,
                                     URI statusLink) implements MailModel {

    public RequestAcknowledgement {
        MailFields.text("tenantName", tenantName, 200);
        MailFields.reference("reference", reference);
        MailFields.code("requestType", requestType);
        MailFields.required("receivedAt", receivedAt);
        MailFields.required("dueAt", dueAt);
        MailFields.link("statusLink", statusLink);
    }
}
