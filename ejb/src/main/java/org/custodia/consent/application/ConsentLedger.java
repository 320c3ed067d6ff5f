package org.custodia.consent.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.kernel.EmailAddress;
import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ConsentDecision;
import org.custodia.consent.domain.ConsentEvent;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.ConsentState;
import org.custodia.consent.domain.NoticeVersion;
import org.custodia.crypto.application.TenantSecrets;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * The consent ledger: every grant, withdrawal, expiry and supersession is an appended event, and the
 * current-state projection moves in the same transaction. The check cache on this node is updated at
 * commit and the other nodes are told through the {@code ChangeFeed}.
 */
@Stateless
public class ConsentLedger {

    public static final List<String> SOURCES = List.of("api", "web", "import");
    static final Duration LONGEST_VALIDITY = Duration.ofDays(3650);

    /** A decision as a caller reports it; notice version defaults to the purpose's current one. */
    public record Recording(String subject, String purpose, ConsentDecision decision, String source, Integer noticeVersion,
                            Instant expiresAt, String clientIp, String email, boolean sendReceipt) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    ConsentService consents;

    @Inject
    ConsentNotices notices;

    @Inject
    ConsentCheckCache checkCache;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    @Inject
    TenantSecrets secrets;

    @Inject
    ConsentSubjects subjects;

    @Inject
    ConsentReceipts receipts;

    public ConsentEvent record(Actor actor, Recording r) {
        List<FieldError> errors = new ArrayList<>();
        ConsentService.validateSubject(r.subject(), errors);
        if (r.purpose() == null || r.purpose().isBlank()) {
            errors.add(new FieldError("purpose", "is required"));
        }
        if (r.decision() != ConsentDecision.GRANTED && r.decision() != ConsentDecision.WITHDRAWN) {
            errors.add(new FieldError("action", "must be 'grant' or 'withdraw'"));
        }
        String source = r.source() == null ? "api" : r.source();
        if (!SOURCES.contains(source)) {
            errors.add(new FieldError("source", "must be one of " + SOURCES));
        }
        if (r.expiresAt() != null && (r.decision() != ConsentDecision.GRANTED || !r.expiresAt().isAfter(Instant.now())
                || r.expiresAt().isAfter(Instant.now().plus(LONGEST_VALIDITY)))) {
            errors.add(new FieldError("expiresAt", "only a grant expires, in the future and within 10 years"));
        }
        if (r.clientIp() != null && (r.clientIp().isBlank() || r.clientIp().length() > 45)) {
            errors.add(new FieldError("clientIp", "must be an IPv4 or IPv6 address"));
        }
        if (r.email() != null && !EmailAddress.valid(r.email())) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        tenantSession.bind(actor.tenantId());
        ConsentPurpose purpose = consents.purposeForUpdate(actor.tenantId(), r.purpose());
        if (purpose == null) {
            throw ProblemException.invalid("purpose", "no purpose with key '" + r.purpose() + "' exists");
        }
        NoticeVersion notice = null;
        if (r.decision() == ConsentDecision.GRANTED && purpose.noticeVersion() != null) {
            int version = r.noticeVersion() == null ? purpose.noticeVersion() : r.noticeVersion();
            notice = notices.version(purpose.id(), purpose.key(), version);
            if (notice == null) {
                throw ProblemException.invalid("noticeVersion", "the purpose has no notice version " + version);
            }
        } else if (r.noticeVersion() != null && purpose.noticeVersion() == null) {
            throw ProblemException.invalid("noticeVersion", "the purpose has no notice yet");
        }
        if (r.email() != null) {
            subjects.remember(actor.tenantId(), r.subject(), r.email());
        }
        String ipHash = r.clientIp() == null ? null : secrets.hmac(actor.tenantId(), "client-ip", r.clientIp().strip());
        Object[] previous = currentGrant(r.subject(), purpose.id());
        if (r.decision() == ConsentDecision.GRANTED && previous != null && notice != null
                && !Integer.valueOf(notice.version()).equals(previous[1])) {
            // a grant to a newer notice replaces the grant to the older one: the ledger says so
            append(actor, purpose, r.subject(), ConsentDecision.SUPERSEDED, source, null, null, null, (UUID) previous[0], false);
        }
        ConsentEvent event = append(actor, purpose, r.subject(), r.decision(), source, notice, ipHash, r.expiresAt(), null, true);
        if (r.sendReceipt()) {
            receipts.mail(actor, event, purpose);
        }
        return event;
    }

    /** A Global Privacy Control signal: an opt-out recorded for the purpose (source gpc). */
    public void recordGpcOptOut(Actor actor, String subject, String purposeKey) {
        tenantSession.bind(actor.tenantId());
        ConsentPurpose purpose = consents.purposeForUpdate(actor.tenantId(), purposeKey);
        append(actor, purpose, subject, ConsentDecision.WITHDRAWN, "gpc", null, null, null, null, true);
    }

    /** Withdrawal by the link in a receipt mail; the link works once. */
    public ConsentEvent withdrawByLink(String token, String requestId) {
        Object tenant = token == null ? null
                : em.createNativeQuery("select app.resolve_withdrawal_link(?1)").setParameter(1, ConsentReceipts.hashOfLink(token)).getSingleResult();
        if (tenant == null) {
            throw ProblemException.invalid("token", "is not a valid withdrawal link");
        }
        UUID tenantId = (UUID) tenant;
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select subject_id, purpose_id, used_at from app.consent_withdrawal_link"
                + " where token_hash = ?1 for update").setParameter(1, ConsentReceipts.hashOfLink(token)).getResultList();
        if (rows.get(0)[2] != null) {
            throw ProblemException.invalid("token", "this link was already used");
        }
        em.createNativeQuery("update app.consent_withdrawal_link set used_at = ?1 where token_hash = ?2")
                .setParameter(1, NativeValues.at(StoredTime.now())).setParameter(2, ConsentReceipts.hashOfLink(token)).executeUpdate();
        ConsentPurpose purpose = em.find(ConsentPurpose.class, rows.get(0)[1]);
        return append(new Actor(tenantId, "subject:withdrawal-link", requestId), purpose, (String) rows.get(0)[0],
                ConsentDecision.WITHDRAWN, "web", null, null, null, null, true);
    }

    /** Appends EXPIRED for grants whose validity ended (at most {@code limit}); returns how many. */
    @SuppressWarnings("unchecked")
    public int expireDue(UUID tenantId, int limit) {
        tenantSession.bind(tenantId);
        List<Object[]> due = em.createNativeQuery("select s.subject_id, s.purpose_id, s.last_event_id from app.consent_state s"
                        + " where s.decision = 'GRANTED' and s.expires_at <= now() order by s.expires_at limit ?1 for update skip locked")
                .setParameter(1, limit).getResultList();
        Actor system = Actor.system(tenantId, "consent-expiry", null);
        for (Object[] row : due) {
            ConsentPurpose purpose = em.find(ConsentPurpose.class, row[1]);
            append(system, purpose, (String) row[0], ConsentDecision.EXPIRED, "api", null, null, null, (UUID) row[2], true);
        }
        return due.size();
    }

    /** The subject's current grant on the purpose: {event id, notice version}, or null. */
    @SuppressWarnings("unchecked")
    private Object[] currentGrant(String subject, UUID purposeId) {
        List<Object[]> rows = em.createNativeQuery("select last_event_id, notice_version from app.consent_state where subject_id = ?1"
                + " and purpose_id = ?2 and decision = 'GRANTED' for update").setParameter(1, subject).setParameter(2, purposeId).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private ConsentEvent append(Actor actor, ConsentPurpose purpose, String subject, ConsentDecision decision, String source,
                                NoticeVersion notice, String ipHash, Instant expiresAt, UUID ends, boolean movesState) {
        Instant now = StoredTime.now();
        Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        ConsentEvent event = new ConsentEvent(actor.tenantId(), subject, purpose, decision, source, actor.principal(),
                actor.requestId(), now).shown(notice == null ? null : notice.version(), notice == null ? null : notice.contentHash(),
                ipHash, expiry);
        if (ends != null) {
            event.ending(ends);
        }
        em.persist(event);
        em.flush();
        if (movesState) {
            em.createNativeQuery("insert into app.consent_state (tenant_id, subject_id, purpose_id, decision, purpose_version,"
                            + " last_event_id, recorded_at, source, notice_version, expires_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                            + " cast(?9 as integer), cast(?10 as timestamptz))"
                            + " on conflict (tenant_id, subject_id, purpose_id) do update set decision = excluded.decision,"
                            + " purpose_version = excluded.purpose_version, last_event_id = excluded.last_event_id,"
                            + " recorded_at = excluded.recorded_at, source = excluded.source, notice_version = excluded.notice_version,"
                            + " expires_at = excluded.expires_at")
                    .setParameter(1, actor.tenantId()).setParameter(2, subject).setParameter(3, purpose.id())
                    .setParameter(4, decision.name()).setParameter(5, purpose.version()).setParameter(6, event.id())
                    .setParameter(7, NativeValues.at(now)).setParameter(8, source)
                    .setParameter(9, notice == null ? null : notice.version())
                    .setParameter(10, NativeValues.at(expiry))
                    .executeUpdate();
            checkCache.replaceAfterCommit(actor.tenantId(), purpose.key(), subject, new ConsentState(decision, source,
                    purpose.version(), notice == null ? null : notice.version(), expiry, now));
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
        return event;
    }
}
