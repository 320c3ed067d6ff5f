package org.custodia.consent.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.NoticeVersion;
import org.custodia.consent.infrastructure.NoticeRepository;
import org.custodia.consent.infrastructure.PurposeRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * Versioned, hashed notices per purpose. Publishing a version makes it current; purposes that ask for
 * re-consent then answer NOTICE_CHANGED for grants given under an older version.
 */
@Stateless
@TenantScoped
public class ConsentNotices {

    static final int MAX_TEXT = 20_000;

    @Inject
    NoticeRepository notices;

    @Inject
    PurposeRepository purposes;

    @Inject
    NoticeLanguages languages;

    @Inject
    AuditTrail audit;

    @Inject
    ConsentCheckCache checks;

    public NoticeVersion publish(Actor actor, String purposeKey, Map<String, String> texts) {
        List<FieldError> errors = validateTexts(texts, texts == null || texts.isEmpty() ? Set.of() : languages.codes());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ConsentPurpose purpose = purpose(actor.tenantId(), purposeKey);
        int version = purpose.publishNotice(StoredTime.now());
        String hash = NoticeVersion.hashOf(purposeKey, version, texts);
        notices.add(actor.tenantId(), purpose.id(), version, texts, hash, StoredTime.now(), actor.principal());
        checks.forgetPurposeAfterCommit(actor.tenantId(), purposeKey);
        audit.append(actor, "consent.notice.published", "consent_purpose", purpose.id().toString(),
                Map.of("purpose", purposeKey, "noticeVersion", version, "contentHash", hash, "languages", String.join(",", new TreeSet<>(texts.keySet()))));
        return new NoticeVersion(purposeKey, version, texts, hash, StoredTime.now());
    }

    /** A notice's texts: at least one, each in a known language and 1 to {@link #MAX_TEXT} characters. */
    static List<FieldError> validateTexts(Map<String, String> texts, Set<String> knownLanguages) {
        List<FieldError> errors = new ArrayList<>();
        if (texts == null || texts.isEmpty()) {
            errors.add(new FieldError("texts", "must hold the notice in at least one language, e.g. {\"en\": \"...\"}"));
        } else {
            texts.forEach((language, text) -> {
                if (!knownLanguages.contains(language)) {
                    errors.add(new FieldError("texts." + language, "is not a supported language (GET /notice-languages)"));
                } else if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
                    errors.add(new FieldError("texts." + language, "must be 1 to " + MAX_TEXT + " characters"));
                }
            });
        }
        return errors;
    }

    public List<NoticeVersion> versions(@TenantId UUID tenantId, String purposeKey) {
        ConsentPurpose purpose = purpose(tenantId, purposeKey);
        return notices.versions(purpose.id(), purposeKey);
    }

    /**
     * The purpose's current notice in {@code language} (else English, else its first language) as (language, text);
     * empty while it has no notice.
     */
    public Optional<Map.Entry<String, String>> currentText(@TenantId UUID tenantId, ConsentPurpose purpose, String language) {
        return text(tenantId, purpose, purpose.noticeVersion(), language);
    }

    /** One version's text in {@code language} (else English, else its first language); empty for none. */
    public Optional<Map.Entry<String, String>> text(@TenantId UUID tenantId, ConsentPurpose purpose, Integer version, String language) {
        if (version == null) {
            return Optional.empty();
        }
        return notices.versions(purpose.id(), purpose.key()).stream().filter(v -> v.version() == version)
                .findFirst().map(v -> v.textFor(language));
    }

    private ConsentPurpose purpose(UUID tenantId, String key) {
        ConsentPurpose purpose = purposes.byKey(tenantId, key);
        if (purpose == null) {
            throw ProblemException.notFound("Purpose '" + key + "'");
        }
        return purpose;
    }
}
