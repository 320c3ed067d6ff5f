package org.custodia.notification.domain;

import java.net.URI;
import java.time.Instant;

/**
 * To the owner of something a register holds with a date (an entry of the record of processing due for review, a risk
 * treatment plan due), else to those who answer for the register: the date is near, or passed.
 *
 * @param tenantName  the organisation
 * @param reference   the reference in its register (an entry's, a risk's)
 * @param title       what it is (the entry's name, the plan's description)
 * @param dueAt       the end of its date, in the organisation's time zone
 * @param consoleLink where it is in the console
 */
public record RegisterDueNotice(String tenantName, String reference, String title, Instant dueAt, URI consoleLink) implements MailModel {

    public RegisterDueNotice {
        MailFields.text("tenantName", tenantName, 200);
        MailFields.text("reference", reference, 64);
        MailFields.text("title", title, 300);
        MailFields.required("dueAt", dueAt);
        MailFields.link("consoleLink", consoleLink);
    }
}
