package org.custodia.dsar.application;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.ReviewerRecipients;
import org.custodia.dsar.infrastructure.DsarEngineFacts;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.identity.application.UserService;
import org.custodia.identity.domain.UserAccount;
import org.custodia.notification.application.MailOutbox;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.ReviewerNotice;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;

/**
 * The mails a request's deadline sends to the people working it ({@link ReviewerRecipients} decides who). Each is
 * queued in the outbox in the caller's transaction (the timer's job): a step that rolls back sends nothing, and a
 * retried step queues afresh. A mail names the request by its id, type, jurisdiction and due date, never the subject.
 */
@Stateless
@TenantScoped
public class DsarNotifications {

    @Inject
    DsarRepository requests;

    @Inject
    DsarEngineFacts engine;

    @Inject
    UserService users;

    @Inject
    MailOutbox mail;

    @Inject
    CalendarSettings calendars;

    /** The mails of one milestone: the addresses written to, and how many could not be rendered (not sent). */
    public record Notified(List<String> to, int notRendered) {
        static final Notified NOBODY = new Notified(List.of(), 0);
    }

    /**
     * Mails a deadline milestone of an open request (an ended request hears nothing more). A mail that cannot be
     * rendered is left out and counted, never thrown: the milestone (a breach flag, its audit event) must not roll
     * back with it, or the timer's job would retry the same failure until it becomes an incident.
     */
    public Notified deadlineReached(@TenantId UUID tenantId, DsarRequest request, String milestone) {
        if (request.status().ended()) {
            return Notified.NOBODY;
        }
        MailType type = switch (milestone) {
            case DsarProcess.MILESTONE_WARNING -> MailType.SLA_WARNING;
            case DsarProcess.MILESTONE_BREACHED -> MailType.SLA_BREACH;
            case DsarProcess.MILESTONE_ESCALATED -> MailType.ESCALATION;
            default -> throw new IllegalArgumentException("unknown deadline milestone " + milestone);
        };
        ReviewerRecipients.Occasion occasion = switch (type) {
            case SLA_WARNING -> ReviewerRecipients.Occasion.WARNING;
            case SLA_BREACH -> ReviewerRecipients.Occasion.BREACH;
            default -> ReviewerRecipients.Occasion.ESCALATION;
        };
        Optional<UserAccount> assignee = occasion == ReviewerRecipients.Occasion.ESCALATION ? Optional.empty()
                : engine.assigneeOf(tenantId, request.processInstanceId()).flatMap(id -> user(tenantId, id));
        List<String> recipients = ReviewerRecipients.of(occasion, assignee, users.list(tenantId));
        ReviewerNotice notice = notice(request);
        ZoneId zone = calendars.of(tenantId).timeZone();
        if (recipients.isEmpty()) {
            return Notified.NOBODY;
        }
        // one rendering for all: the reader's language is not known, so every recipient reads the tenant's
        return mail.enqueueIfRenderable(tenantId, recipients, type, notice, null, zone).isPresent()
                ? new Notified(List.copyOf(recipients), 0) : new Notified(List.of(), recipients.size());
    }

    /** The notice for the request, if the tenant has it (for "task assigned"). */
    public Optional<ReviewerNotice> noticeOf(@TenantId UUID tenantId, UUID dsarId) {
        return requests.find(dsarId).map(DsarNotifications::notice);
    }

    static ReviewerNotice notice(DsarRequest r) {
        return new ReviewerNotice(r.id().toString(), r.type().name(), r.jurisdiction().name(), r.dueAt(),
                URI.create(PublicUrl.base() + "/console/dsars/" + r.id()));
    }

    /** A task's assignee is a user id, or an API key's id (no mailbox): only a user of the tenant is returned. */
    private Optional<UserAccount> user(UUID tenantId, String assignee) {
        UUID id;
        try {
            id = UUID.fromString(assignee);
        } catch (IllegalArgumentException apiKey) {
            return Optional.empty();
        }
        return users.find(tenantId, id);
    }
}
