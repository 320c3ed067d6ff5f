package org.custodia.consent.application;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.kernel.EmailAddress;
import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ConsentDecision;
import org.custodia.consent.domain.ConsentEvent;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.ConsentState;
import org.custodia.consent.domain.NoticeVersion;
import org.custodia.consent.domain.StateChange;
import org.custodia.consent.domain.StatePrecedence;
import org.custodia.consent.infrastructure.ConsentEventRepository;
import org.custodia.consent.infrastructure.ConsentStateRepository;
import org.custodia.consent.infrastructure.NoticeRepository;
import org.custodia.consent.infrastructure.PurposeRepository;
import org.custodia.consent.infrastructure.WithdrawalLinkRepository;
import org.custodia.crypto.application.TenantSecrets;
import org.custodia.delivery.application.DomainEvents;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.ChangeFeed;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * The consent ledger: every grant, withdrawal, expiry and supersession is an appended event, and the
 * current-state projection moves in the same transaction. The check cache on this node is updated at
 * commit and the other nodes are told through the {@code ChangeFeed}.
 */
@Stateless
@TenantScoped
public class ConsentLedger {

    public static final List<String> SOURCES = List.of("api", "web", "import");
    static final Duration LONGEST_VALIDITY = Duration.ofDays(3650);

    /** A decision as a caller reports it; notice version defaults to the purpose's current one. */
    public record Recording(String subject, String purpose, ConsentDecision decision, String source, Integer noticeVersion,
                            Instant expiresAt, String clientIp, String email, boolean sendReceipt) {

        String sourceOrDefault() {
            return source == null ? "api" : source;
        }
    }

    @Inject
    AuditTrail audit;

    @Inject
    PurposeRepository purposes;

    @Inject
    NoticeRepository notices;

    @Inject
    ConsentEventRepository events;

    @Inject
    ConsentStateRepository states;

    @Inject
    WithdrawalLinkRepository links;

    @Inject
    ConsentCheckCache checkCache;

    @Inject
    ChangeFeed feed;

    @Inject
    TenantSecrets secrets;

    @Inject
    ConsentSubjects subjects;

    @Inject
    ConsentReceipts receipts;

    @Inject
    DomainEvents domainEvents;

    public ConsentEvent record(Actor actor, Recording r) {
        List<FieldError> errors = validate(r, Instant.now());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ConsentPurpose purpose = purposes.byKey(actor.tenantId(), r.purpose());
        if (purpose == null) {
            throw ProblemException.invalid("purpose", "no purpose with key '" + r.purpose() + "' exists");
        }
        Integer version = noticeVersionShown(r, purpose);
        NoticeVersion notice = null;
        if (version != null) {
            notice = notices.version(purpose.id(), purpose.key(), version);
            if (notice == null) {
                throw ProblemException.invalid("noticeVersion", "the purpose has no notice version " + version);
            }
        }
        if (r.email() != null) {
            subjects.remember(actor.tenantId(), r.subject(), r.email());
        }
        String ipHash = r.clientIp() == null ? null : secrets.hmac(actor.tenantId(), "client-ip", r.clientIp().strip());
        ConsentStateRepository.CurrentGrant previous = states.grantForUpdate(r.subject(), purpose.id()).orElse(null);
        if (supersedes(r.decision(), notice, previous)) {
            // a grant to a newer notice replaces the grant to the older one: the ledger says so
            append(actor, purpose, r.subject(), ConsentDecision.SUPERSEDED, r.sourceOrDefault(), null, null, null, previous.eventId(), false);
        }
        ConsentEvent event = append(actor, purpose, r.subject(), r.decision(), r.sourceOrDefault(), notice, ipHash, r.expiresAt(), null, true);
        if (r.sendReceipt()) {
            receipts.mail(actor, event, purpose);
        }
        return event;
    }

    /** The field errors of a recording, checked before anything is read or written. */
    static List<FieldError> validate(Recording r, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        ConsentService.validateSubject(r.subject(), errors);
        if (r.purpose() == null || r.purpose().isBlank()) {
            errors.add(new FieldError("purpose", "is required"));
        }
        if (r.decision() != ConsentDecision.GRANTED && r.decision() != ConsentDecision.WITHDRAWN) {
            errors.add(new FieldError("action", "must be 'grant' or 'withdraw'"));
        }
        if (!SOURCES.contains(r.sourceOrDefault())) {
            errors.add(new FieldError("source", "must be one of " + SOURCES));
        }
        if (r.expiresAt() != null && (r.decision() != ConsentDecision.GRANTED || !r.expiresAt().isAfter(now)
                || r.expiresAt().isAfter(now.plus(LONGEST_VALIDITY)))) {
            errors.add(new FieldError("expiresAt", "only a grant expires, in the future and within 10 years"));
        }
        if (r.clientIp() != null && (r.clientIp().isBlank() || r.clientIp().length() > 45)) {
            errors.add(new FieldError("clientIp", "must be an IPv4 or IPv6 address"));
        }
        if (r.email() != null && !EmailAddress.valid(r.email())) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        return errors;
    }

    /**
     * The notice version a decision was given under: for a grant on a purpose with a notice, the one the caller
     * names or else the current one; none otherwise. Naming a version of a purpose that has no notice is an error.
     */
    static Integer noticeVersionShown(Recording r, ConsentPurpose purpose) {
        if (r.decision() == ConsentDecision.GRANTED && purpose.noticeVersion() != null) {
            return r.noticeVersion() == null ? purpose.noticeVersion() : r.noticeVersion();
        }
        if (r.noticeVersion() != null && purpose.noticeVersion() == null) {
            throw ProblemException.invalid("noticeVersion", "the purpose has no notice yet");
        }
        return null;
    }

    /** A grant under another notice version than the subject's current grant supersedes that grant. */
    static boolean supersedes(ConsentDecision decision, NoticeVersion notice, ConsentStateRepository.CurrentGrant previous) {
        return decision == ConsentDecision.GRANTED && previous != null && notice != null
                && !Integer.valueOf(notice.version()).equals(previous.noticeVersion());
    }

    /** A Global Privacy Control signal: an opt-out recorded for the purpose (source gpc). */
    public void recordGpcOptOut(Actor actor, String subject, String purposeKey) {
        ConsentPurpose purpose = purposes.byKey(actor.tenantId(), purposeKey);
        append(actor, purpose, subject, ConsentDecision.WITHDRAWN, "gpc", null, null, null, null, true);
    }

    /**
     * Withdrawal by the link in a receipt mail, for the tenant {@link WithdrawalLinks} resolved it to; the link
     * works once.
     */
    public ConsentEvent withdrawByLink(@TenantId UUID tenantId, String tokenHash, String requestId) {
        WithdrawalLinkRepository.Link link = links.lockForUse(tokenHash)
                .orElseThrow(() -> ProblemException.invalid("token", "is not a valid withdrawal link"));
        if (link.usedAt() != null) {
            throw ProblemException.invalid("token", "this link was already used");
        }
        links.markUsed(tokenHash, StoredTime.now());
        ConsentPurpose purpose = purposes.find(link.purposeId());
        return append(new Actor(tenantId, "subject:withdrawal-link", requestId), purpose, link.subjectId(),
                ConsentDecision.WITHDRAWN, "web", null, null, null, null, true);
    }

    /** Appends EXPIRED for grants whose validity ended (at most {@code limit}); returns how many. */
    public int expireDue(@TenantId UUID tenantId, int limit) {
        List<ConsentStateRepository.DueGrant> due = states.dueForExpiry(limit);
        Actor system = Actor.system(tenantId, "consent-expiry", null);
        for (ConsentStateRepository.DueGrant grant : due) {
            ConsentPurpose purpose = purposes.find(grant.purposeId());
            append(system, purpose, grant.subjectId(), ConsentDecision.EXPIRED, "api", null, null, null, grant.lastEventId(), true);
        }
        return due.size();
    }

    private ConsentEvent append(Actor actor, ConsentPurpose purpose, String subject, ConsentDecision decision, String source,
                                NoticeVersion notice, String ipHash, Instant expiresAt, UUID ends, boolean movesState) {
        Instant now = StoredTime.now();
        Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        Integer noticeVersion = notice == null ? null : notice.version();
        ConsentEvent event = new ConsentEvent(actor.tenantId(), subject, purpose, decision, source, actor.principal(),
                actor.requestId(), now).shown(noticeVersion, notice == null ? null : notice.contentHash(), ipHash, expiry);
        if (ends != null) {
            event.ending(ends);
        }
        events.append(event);
        if (movesState) {
            states.advance(actor.tenantId(), source, StatePrecedence.RECORDED_NOW, List.of(new StateChange(event.id(), subject,
                    purpose.id(), purpose.version(), decision, now, noticeVersion, expiry)));
            checkCache.replaceAfterCommit(actor.tenantId(), purpose.key(), subject, new ConsentState(decision, source,
                    purpose.version(), noticeVersion, expiry, now));
            feed.publish("consent", actor.tenantId().toString(), purpose.key(), subject);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("purpose", purpose.key());
        payload.put("purposeVersion", purpose.version());
        payload.put("decision", decision.name());
        payload.put("source", source);
        if (notice != null) {
            payload.put("noticeVersion", notice.version());
            payload.put("noticeHash", notice.contentHash());
        }
        if (expiry != null) {
            payload.put("expiresAt", expiry.toString());
        }
        // the subject id is the tenant's own pseudonymous key; the event id links to it without copying it
        audit.append(actor, "consent." + decision.name().toLowerCase(), "consent_event", event.id().toString(), payload);
        if (movesState && decision != ConsentDecision.SUPERSEDED) {
            // the tenant's own systems need the subject to act on a withdrawal: to its own endpoints only
            Map<String, Object> data = new LinkedHashMap<>(payload);
            data.put("eventId", event.id().toString());
            data.put("subject", subject);
            data.put("recordedAt", now.toString());
            domainEvents.publish(actor.tenantId(), "consent." + decision.name().toLowerCase(), data);
        }
        return event;
    }
}
