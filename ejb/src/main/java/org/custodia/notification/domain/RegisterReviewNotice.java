package org.custodia.notification.domain;

import java.net.URI;
import java.time.Instant;

/**
 * To the owner of an entry of the record of processing activities (else the tenant's APPROVERs): its review date is
 * near, or passed.
 *
 * @param tenantName  the organisation
 * @param reference   the entry's reference in the register
 * @param title       the entry's name
 * @param dueAt       the end of its review date, in the organisation's time zone
 * @param consoleLink the entry in the console
 */
public record RegisterReviewNotice(String tenantName, String reference, String title, Instant dueAt, URI consoleLink) implements MailModel {

    public RegisterReviewNotice {
        MailFields.text("tenantName", tenantName, 200);
        MailFields.text("reference", reference, 64);
        MailFields.text("title", title, 300);
        MailFields.required("dueAt", dueAt);
        MailFields.link("consoleLink", consoleLink);
    }
}
