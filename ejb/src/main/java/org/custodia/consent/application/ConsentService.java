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
import org.custodia.consent.domain.ConsentState;
import org.custodia.consent.domain.PurposeRules;
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

    public static void validateCheck(String subjectId, String purposeKey) {
        List<FieldError> errors = new ArrayList<>();
        validateSubject(subjectId, errors);
        if (purposeKey == null || purposeKey.isBlank()) {
            errors.add(new FieldError("purpose", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request", "Query parameters are invalid.", errors);
        }
    }

    /** A purpose's rules for the check; 404 when the tenant has no such purpose. */
    public PurposeRules rules(UUID tenantId, String purposeKey) {
        tenantSession.bind(tenantId);
        ConsentPurpose purpose = findPurpose(tenantId, purposeKey);
        if (purpose == null) {
            throw ProblemException.notFound("Purpose '" + purposeKey + "'");
        }
        return purpose.rules();
    }

    /** A subject's current state on a purpose, from the projection (one primary-key read). */
    public ConsentState state(UUID tenantId, UUID purposeId, String subjectId) throws SQLException {
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select " + STATE_COLUMNS
                     + " from app.consent_state s where s.tenant_id = ? and s.purpose_id = ? and s.subject_id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, purposeId);
            ps.setString(3, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return ConsentState.NONE;
                }
                return stateAt(rs, 1);
            }
        }
    }

    /** The projection's columns as the check reads them, and their mapping (from column {@code first} on). */
    private static final String STATE_COLUMNS = "s.decision, s.source, s.purpose_version, s.notice_version, s.expires_at, s.recorded_at";

    private static ConsentState stateAt(ResultSet rs, int first) throws SQLException {
        int notice = rs.getInt(first + 3);
        Integer noticeVersion = rs.wasNull() ? null : notice;
        java.sql.Timestamp expires = rs.getTimestamp(first + 4);
        return new ConsentState(ConsentDecision.valueOf(rs.getString(first)), rs.getString(first + 1).intern(), rs.getInt(first + 2),
                noticeVersion, expires == null ? null : expires.toInstant(), rs.getTimestamp(first + 5).toInstant());
    }

    /** Receives one state of a bulk read; returns false to stop. */
    public interface StateSink {
        boolean accept(String purposeKey, String subjectId, ConsentState state);
    }

    /** Streams every current state of the tenant (for the check cache's preload), in one transaction. */
    public void eachState(UUID tenantId, StateSink sink) throws SQLException {
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select p.purpose_key, s.subject_id, " + STATE_COLUMNS
                     + " from app.consent_state s join app.consent_purpose p on p.id = s.purpose_id")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!sink.accept(rs.getString(1).intern(), rs.getString(2), stateAt(rs, 3))) {
                        return;
                    }
                }
            }
        }
    }

    public ConsentPurpose purposeForUpdate(UUID tenantId, String key) {
        return findPurpose(tenantId, key);
    }

    private ConsentPurpose findPurpose(UUID tenantId, String key) {
        List<ConsentPurpose> found = em.createQuery(
                        "select p from ConsentPurpose p where p.tenantId = :t and p.key = :k", ConsentPurpose.class)
                .setParameter("t", tenantId)
                .setParameter("k", key)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    static void validateSubject(String subjectId, List<FieldError> errors) {
        if (subjectId == null || subjectId.isBlank()) {
            errors.add(new FieldError("subject", "is required"));
        } else if (subjectId.length() > MAX_SUBJECT_LENGTH) {
            errors.add(new FieldError("subject", "must be at most " + MAX_SUBJECT_LENGTH + " characters"));
        }
    }
}
