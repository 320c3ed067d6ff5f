package org.custodia.consent.application;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.NoticeVersion;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * Versioned, hashed notices per purpose. Publishing a version makes it current; purposes that ask for
 * re-consent then answer NOTICE_CHANGED for grants given under an older version.
 */
@Stateless
public class ConsentNotices {

    static final int MAX_TEXT = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    ConsentCheckCache checks;

    @SuppressWarnings("unchecked")
    public Set<String> languages() {
        return new HashSet<>(em.createNativeQuery("select code from app.notice_language").getResultList());
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> languageCatalogue() {
        return em.createNativeQuery("select code, english_name, native_name, script from app.notice_language order by code").getResultList();
    }

    public NoticeVersion publish(Actor actor, String purposeKey, Map<String, String> texts) {
        List<FieldError> errors = new ArrayList<>();
        if (texts == null || texts.isEmpty()) {
            errors.add(new FieldError("texts", "must hold the notice in at least one language, e.g. {\"en\": \"...\"}"));
        } else {
            Set<String> known = languages();
            texts.forEach((language, text) -> {
                if (!known.contains(language)) {
                    errors.add(new FieldError("texts." + language, "is not a supported language (GET /notice-languages)"));
                } else if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
                    errors.add(new FieldError("texts." + language, "must be 1 to " + MAX_TEXT + " characters"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        tenantSession.bind(actor.tenantId());
        ConsentPurpose purpose = purpose(purposeKey);
        int version = purpose.publishNotice(StoredTime.now());
        String hash = NoticeVersion.hashOf(purposeKey, version, texts);
        em.createNativeQuery("insert into app.consent_notice (id, tenant_id, purpose_id, version, texts, content_hash,"
                        + " published_at, published_by) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, actor.tenantId()).setParameter(3, purpose.id())
                .setParameter(4, version).setParameter(5, json(texts)).setParameter(6, hash)
                .setParameter(7, NativeValues.at(StoredTime.now())).setParameter(8, actor.principal()).executeUpdate();
        checks.forgetPurposeAfterCommit(actor.tenantId(), purposeKey);
        audit.append(actor, "consent.notice.published", "consent_purpose", purpose.id().toString(),
                Map.of("purpose", purposeKey, "noticeVersion", version, "contentHash", hash, "languages", String.join(",", new java.util.TreeSet<>(texts.keySet()))));
        return new NoticeVersion(purposeKey, version, texts, hash, StoredTime.now());
    }

    @SuppressWarnings("unchecked")
    public List<NoticeVersion> versions(UUID tenantId, String purposeKey) {
        tenantSession.bind(tenantId);
        ConsentPurpose purpose = purpose(purposeKey);
        List<Object[]> rows = em.createNativeQuery("select version, texts, content_hash, published_at from app.consent_notice"
                + " where purpose_id = ?1 order by version").setParameter(1, purpose.id()).getResultList();
        return rows.stream().map(r -> new NoticeVersion(purposeKey, ((Number) r[0]).intValue(), texts((String) r[1]), (String) r[2],
                NativeValues.instant(r[3]))).toList();
    }

    /** One version, in the caller's transaction with the tenant bound; null when it does not exist. */
    @SuppressWarnings("unchecked")
    public NoticeVersion version(UUID purposeId, String purposeKey, int version) {
        List<Object[]> rows = em.createNativeQuery("select texts, content_hash, published_at from app.consent_notice"
                + " where purpose_id = ?1 and version = ?2").setParameter(1, purposeId).setParameter(2, version).getResultList();
        return rows.isEmpty() ? null : new NoticeVersion(purposeKey, version, texts((String) rows.get(0)[0]), (String) rows.get(0)[1],
                NativeValues.instant(rows.get(0)[2]));
    }

    private ConsentPurpose purpose(String key) {
        return em.createQuery("select p from ConsentPurpose p where p.key = :k", ConsentPurpose.class).setParameter("k", key)
                .getResultStream().findFirst().orElseThrow(() -> ProblemException.notFound("Purpose '" + key + "'"));
    }

    static Map<String, String> texts(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, String> texts) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(texts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
