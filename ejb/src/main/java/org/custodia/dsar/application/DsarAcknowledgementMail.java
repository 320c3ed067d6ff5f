package org.custodia.dsar.application;

import java.net.URI;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.IdentityCheck;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.RequestAcknowledgement;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * The acknowledgement to the subject (or the agent acting for them), with the reference and due date, sent to a
 * verified address only: one confirmed by link, or one a staff member entered. A request without one gets none.
 * It carries a link to the request's status page ({@link DsarStatusLinks}).
 */
@Stateless
@TenantScoped
public class DsarAcknowledgementMail {

    @Inject
    DsarSubjectMail subjectMail;

    @Inject
    DsarContacts contacts;

    @Inject
    DsarStatusLinks statusLinks;

    /** Queues the mail in the caller's transaction; false when the request has no verified address to send it to. */
    public boolean send(@TenantId UUID tenantId, DsarRequest request) {
        if (request.identityCheck() == IdentityCheck.EMAIL_LINK && request.identityConfirmedAt() == null) {
            return false;
        }
        if (!subjectMail.hasAddress(tenantId, request.id())) {
            return false;
        }
        String language = contacts.of(tenantId, request.id()).map(SubjectContact::language).orElse(null);
        URI status = statusLinks.issue(tenantId, request.id(), language);
        return subjectMail.send(tenantId, request.id(), MailType.REQUEST_ACKNOWLEDGEMENT, tenantName -> new RequestAcknowledgement(
                tenantName, request.id().toString(), request.type().name(), request.receivedAt(), request.dueAt(), status));
    }
}
