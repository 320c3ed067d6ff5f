package org.custodia.consent.application;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ConsentEvent;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.PurposeDetails;
import org.custodia.consent.domain.PurposeRules;
import org.custodia.consent.domain.PurposeTally;
import org.custodia.consent.infrastructure.ConsentEventRepository;
import org.custodia.consent.infrastructure.ConsentTallyRepository;
import org.custodia.consent.infrastructure.PurposeRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/** Purposes, a subject's consent history, and the rules the check applies (its state reads: {@code ConsentStateRepository}). */
@Stateless
@TenantScoped
public class ConsentService {

    public static final Pattern PURPOSE_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_SUBJECT_LENGTH = 200;
    public static final List<String> SOURCES = List.of("api", "web", "import");

    @Inject
    PurposeRepository purposes;

    @Inject
    ConsentEventRepository events;

    @Inject
    ConsentTallyRepository tallies;

    @Inject
    AuditTrail audit;

    public ConsentPurpose definePurpose(Actor actor, String key, String name, String description) {
        return definePurpose(actor, key, name, description, PurposeDetails.DEFAULTS, new ArrayList<>());
    }

    /** Defines a purpose; {@code errors} may already hold the details' field errors (all are reported together). */
    public ConsentPurpose definePurpose(Actor actor, String key, String name, String description,
                                        PurposeDetails details, List<FieldError> errors) {
        validatePurpose(key, name, description, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ConsentPurpose purpose = new ConsentPurpose(actor.tenantId(), key, name.strip(), description, details,
                StoredTime.now());
        if (!purposes.add(purpose)) {
            throw ProblemException.conflict("key", "a purpose with this key exists");
        }
        audit.append(actor, "consent.purpose.defined", "consent_purpose", purpose.id().toString(),
                Map.of("key", key, "version", purpose.version(), "legalBasis", details.legalBasis().name(),
                        "honoursGpc", details.honoursGpc()));
        return purpose;
    }

    /** A purpose's key, name and description, checked before anything is written. */
    static void validatePurpose(String key, String name, String description, List<FieldError> errors) {
        if (key == null || !PURPOSE_KEY.matcher(key).matches()) {
            errors.add(new FieldError("key", "must be 1-64 lower-case letters, digits, '.', '_' or '-'"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        if (description != null && description.length() > 4000) {
            errors.add(new FieldError("description", "must be at most 4000 characters"));
        }
    }

    public List<ConsentPurpose> purposes(@TenantId UUID tenantId) {
        return purposes.all(tenantId);
    }

    public ConsentPurpose purpose(@TenantId UUID tenantId, String key) {
        return purposes.byKey(tenantId, key);
    }

    public List<ConsentEvent> history(@TenantId UUID tenantId, String subjectId) {
        List<FieldError> errors = new ArrayList<>();
        validateSubject(subjectId, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return events.history(tenantId, subjectId);
    }

    /** Per purpose, ordered by key: grants and withdrawals recorded in [from, to), and subjects granted now. */
    public List<PurposeTally> tallies(@TenantId UUID tenantId, Instant from, Instant to) throws SQLException {
        return tallies.tallies(tenantId, from, to);
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
    public PurposeRules rules(@TenantId UUID tenantId, String purposeKey) {
        ConsentPurpose purpose = purposes.byKey(tenantId, purposeKey);
        if (purpose == null) {
            throw ProblemException.notFound("Purpose '" + purposeKey + "'");
        }
        return purpose.rules();
    }

    static void validateSubject(String subjectId, List<FieldError> errors) {
        if (subjectId == null || subjectId.isBlank()) {
            errors.add(new FieldError("subject", "is required"));
        } else if (subjectId.length() > MAX_SUBJECT_LENGTH) {
            errors.add(new FieldError("subject", "must be at most " + MAX_SUBJECT_LENGTH + " characters"));
        }
    }
}
