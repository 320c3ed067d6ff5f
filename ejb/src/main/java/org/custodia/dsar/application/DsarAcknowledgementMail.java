package org.custodia.dsar.application;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.IdentityCheck;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.notification.application.MailOutbox;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.RequestAcknowledgement;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.Tenants;

/**
 * The acknowledgement to the subject (or the agent acting for them), with the reference and due date, sent to a
 * verified address only: one confirmed by link, or one a staff member entered. A request without one gets none.
 */
@Stateless
@TenantScoped
public class DsarAcknowledgementMail {

    @Inject
    DsarContacts contacts;

    @Inject
    MailOutbox mail;

    @Inject
    Tenants tenants;

    @Inject
    CalendarSettings calendars;

    /** Queues the mail in the caller's transaction; false when the request has no verified address to send it to. */
    public boolean send(@TenantId UUID tenantId, DsarRequest request) {
        if (request.identityCheck() == IdentityCheck.EMAIL_LINK && request.identityConfirmedAt() == null) {
            return false;
        }
        SubjectContact contact = contacts.of(tenantId, request.id()).orElse(null);
        String recipient = contact == null ? null : contact.mailRecipient();
        if (recipient == null) {
            return false;
        }
        mail.enqueue(tenantId, recipient, MailType.REQUEST_ACKNOWLEDGEMENT,
                new RequestAcknowledgement(tenants.of(tenantId).name(), request.id().toString(), request.type().name(),
                        request.receivedAt(), request.dueAt()),
                contact.language(), calendars.of(tenantId).timeZone());
        return true;
    }
}
