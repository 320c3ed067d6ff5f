package org.custodia.dsar.application;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.domain.SubjectContact;
import org.custodia.notification.application.MailOutbox;
import org.custodia.notification.domain.MailModel;
import org.custodia.notification.domain.MailType;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.Tenants;

/**
 * Mail to the person a request is answered to: the request's address (the agent's when one acts), in the language the
 * subject chose, dates in the tenant's zone. The acknowledgement, "response ready" and the refusal notice go this way.
 */
@Stateless
@TenantScoped
public class DsarSubjectMail {

    @Inject
    DsarContacts contacts;

    @Inject
    MailOutbox mail;

    @Inject
    Tenants tenants;

    @Inject
    CalendarSettings calendars;

    /** Whether the request has an address to write to. */
    public boolean hasAddress(@TenantId UUID tenantId, UUID dsarId) {
        return contact(tenantId, dsarId).isPresent();
    }

    /**
     * Queues the mail in the caller's transaction, its model made from the organisation's name; false (nothing queued)
     * when the request has no address.
     */
    public boolean send(@TenantId UUID tenantId, UUID dsarId, MailType type, Function<String, MailModel> model) {
        Optional<SubjectContact> contact = contact(tenantId, dsarId);
        contact.ifPresent(c -> mail.enqueue(tenantId, c.mailRecipient(), type, model.apply(tenants.of(tenantId).name()),
                c.language(), calendars.of(tenantId).timeZone()));
        return contact.isPresent();
    }

    private Optional<SubjectContact> contact(UUID tenantId, UUID dsarId) {
        return contacts.of(tenantId, dsarId).filter(c -> c.mailRecipient() != null);
    }
}
