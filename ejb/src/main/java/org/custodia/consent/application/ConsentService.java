package org.custodia.consent.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.custodia.platform.persistence.StoredTime;
import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ConsentCheck;
import org.custodia.consent.domain.ConsentDecision;
import org.custodia.consent.domain.ConsentEvent;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.PurposeDetails;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.persistence.UniqueViolation;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/** Purposes, the consent ledger with its current-state projection, and the consent check. */
@Stateless
public class ConsentService {

    public static final Pattern PURPOSE_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_SUBJECT_LENGTH = 200;
    public static final List<String> SOURCES = List.of("api", "web", "import");

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    ConsentCheckCache checkCache;

    public ConsentPurpose definePurpose(Actor actor, String key, String name, String description) {
        return definePurpose(actor, key, name, description, PurposeDetails.DEFAULTS, new ArrayList<>());
    }

    /** Defines a purpose; {@code errors} may already hold the details' field errors (all are reported together). */
    public ConsentPurpose definePurpose(Actor actor, String key, String name, String description,
                                        PurposeDetails details, List<FieldError> errors) {
        if (key == null || !PURPOSE_KEY.matcher(key).matches()) {
            errors.add(new FieldError("key", "must be 1-64 lower-case letters, digits, '.', '_' or '-'"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        if (description != null && description.length() > 4000) {
            errors.add(new FieldError("description", "must be at most 4000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        tenantSession.bind(actor.tenantId());
        ConsentPurpose purpose = new ConsentPurpose(actor.tenantId(), key, name.strip(), description, details,
                StoredTime.now());
        em.persist(purpose);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            throw ProblemException.conflict("key", "a purpose with this key exists");
        }
        audit.append(actor, "consent.purpose.defined", "consent_purpose", purpose.id().toString(),
                Map.of("key", key, "version", purpose.version(), "legalBasis", details.legalBasis().name(),
                        "honoursGpc", details.honoursGpc()));
        return purpose;
    }

    public List<ConsentPurpose> purposes(UUID tenantId) {
        tenantSession.bind(tenantId);
        return em.createQuery("select p from ConsentPurpose p where p.tenantId = :t order by p.key", ConsentPurpose.class)
                .setParameter("t", tenantId)
                .getResultList();
    }

    public ConsentPurpose purpose(UUID tenantId, String key) {
        tenantSession.bind(tenantId);
        return findPurpose(tenantId, key);
    }

    /** Appends a grant or withdrawal to the ledger and moves the current state, in one transaction. */
    public ConsentEvent record(Actor actor, String subjectId, String purposeKey, ConsentDecision decision, String source) {
        List<FieldError> errors = new ArrayList<>();
        validateSubject(subjectId, errors);
        if (purposeKey == null || purposeKey.isBlank()) {
            errors.add(new FieldError("purpose", "is required"));
        }
        if (decision == null) {
            errors.add(new FieldError("action", "must be 'grant' or 'withdraw'"));
        }
        String effectiveSource = source == null ? "api" : source;
        if (!SOURCES.contains(effectiveSource)) {
            errors.add(new FieldError("source", "must be one of " + SOURCES));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        tenantSession.bind(actor.tenantId());
        ConsentPurpose purpose = findPurpose(actor.tenantId(), purposeKey);
        if (purpose == null) {
            throw ProblemException.invalid("purpose", "no purpose with key '" + purposeKey + "' exists");
        }
        ConsentEvent event = new ConsentEvent(actor.tenantId(), subjectId, purpose, decision, effectiveSource,
                actor.principal(), actor.requestId(), StoredTime.now());
        em.persist(event);
        em.flush();
        em.createNativeQuery("insert into app.consent_state (tenant_id, subject_id, purpose_id, decision, purpose_version,"
                        + " last_event_id, recorded_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                        + " on conflict (tenant_id, subject_id, purpose_id) do update set decision = excluded.decision,"
                        + " purpose_version = excluded.purpose_version, last_event_id = excluded.last_event_id,"
                        + " recorded_at = excluded.recorded_at")
                .setParameter(1, actor.tenantId())
                .setParameter(2, subjectId)
                .setParameter(3, purpose.id())
                .setParameter(4, decision.name())
                .setParameter(5, purpose.version())
                .setParameter(6, event.id())
                .setParameter(7, java.sql.Timestamp.from(event.recordedAt()))
                .executeUpdate();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("purpose", purposeKey);
        payload.put("purposeVersion", purpose.version());
        payload.put("decision", decision.name());
        payload.put("source", effectiveSource);
        // the subject id is the tenant's own pseudonymous key; the event id links to it without copying it
        audit.append(actor, "consent." + decision.name().toLowerCase(), "consent_event", event.id().toString(), payload);
        checkCache.replaceAfterCommit(actor.tenantId(), new ConsentCheck(subjectId, purposeKey, decision.allows(), decision,
                purpose.version(), event.recordedAt()));
        return event;
    }

    public List<ConsentEvent> history(UUID tenantId, String subjectId) {
        List<FieldError> errors = new ArrayList<>();
        validateSubject(subjectId, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        tenantSession.bind(tenantId);
        return em.createQuery("select e from ConsentEvent e where e.tenantId = :t and e.subjectId = :s"
                        + " order by e.recordedAt, e.id", ConsentEvent.class)
                .setParameter("t", tenantId)
                .setParameter("s", subjectId)
                .getResultList();
    }

    static void validateCheck(String subjectId, String purposeKey) {
        List<FieldError> errors = new ArrayList<>();
        validateSubject(subjectId, errors);
        if (purposeKey == null || purposeKey.isBlank()) {
            errors.add(new FieldError("purpose", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request", "Query parameters are invalid.", errors);
        }
    }

    /** The database answer; callers go through {@link ConsentCheckCache}. */
    public ConsentCheck check(UUID tenantId, String subjectId, String purposeKey) throws SQLException {
        validateCheck(subjectId, purposeKey);
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement(
                     "select p.version, s.decision, s.purpose_version, s.recorded_at from app.consent_purpose p"
                             + " left join app.consent_state s on s.tenant_id = p.tenant_id and s.purpose_id = p.id"
                             + " and s.subject_id = ? where p.tenant_id = ? and p.purpose_key = ?")) {
            ps.setString(1, subjectId);
            ps.setObject(2, tenantId);
            ps.setString(3, purposeKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Purpose '" + purposeKey + "'");
                }
                String decision = rs.getString(2);
                if (decision == null) {
                    return new ConsentCheck(subjectId, purposeKey, false, null, rs.getInt(1), null);
                }
                ConsentDecision d = ConsentDecision.valueOf(decision);
                return new ConsentCheck(subjectId, purposeKey, d.allows(), d, rs.getInt(3),
                        rs.getTimestamp(4).toInstant());
            }
        }
    }

    private ConsentPurpose findPurpose(UUID tenantId, String key) {
        List<ConsentPurpose> found = em.createQuery(
                        "select p from ConsentPurpose p where p.tenantId = :t and p.key = :k", ConsentPurpose.class)
                .setParameter("t", tenantId)
                .setParameter("k", key)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static void validateSubject(String subjectId, List<FieldError> errors) {
        if (subjectId == null || subjectId.isBlank()) {
            errors.add(new FieldError("subject", "is required"));
        } else if (subjectId.length() > MAX_SUBJECT_LENGTH) {
            errors.add(new FieldError("subject", "must be at most " + MAX_SUBJECT_LENGTH + " characters"));
        }
    }
}
