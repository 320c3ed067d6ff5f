package org.custodia.consent.infrastructure;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.consent.domain.NoticeLanguage;
import org.custodia.consent.domain.NoticeVersion;
import org.custodia.platform.persistence.NativeValues;

/**
 * Published notice versions ({@code app.consent_notice}, texts as JSON) and the languages a notice may be written in
 * ({@code app.notice_language}, the same for every tenant). Notices are read and written in the calling service's
 * transaction, bound to its tenant.
 */
@Stateless
public class NoticeRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @SuppressWarnings("unchecked")
    public Set<String> languageCodes() {
        return new HashSet<>(em.createNativeQuery("select code from app.notice_language").getResultList());
    }

    @SuppressWarnings("unchecked")
    public List<NoticeLanguage> languages() {
        List<Object[]> rows = em.createNativeQuery("select code, english_name, native_name, script from app.notice_language order by code")
                .getResultList();
        return rows.stream().map(r -> new NoticeLanguage((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    public void add(UUID tenantId, UUID purposeId, int version, Map<String, String> texts, String contentHash, Instant publishedAt,
                    String publishedBy) {
        em.createNativeQuery("insert into app.consent_notice (id, tenant_id, purpose_id, version, texts, content_hash,"
                        + " published_at, published_by) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, purposeId)
                .setParameter(4, version).setParameter(5, json(texts)).setParameter(6, contentHash)
                .setParameter(7, NativeValues.at(publishedAt)).setParameter(8, publishedBy).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<NoticeVersion> versions(UUID purposeId, String purposeKey) {
        List<Object[]> rows = em.createNativeQuery("select version, texts, content_hash, published_at from app.consent_notice"
                + " where purpose_id = ?1 order by version").setParameter(1, purposeId).getResultList();
        return rows.stream().map(r -> new NoticeVersion(purposeKey, ((Number) r[0]).intValue(), texts((String) r[1]), (String) r[2],
                NativeValues.instant(r[3]))).toList();
    }

    /** One version; null when it does not exist. */
    @SuppressWarnings("unchecked")
    public NoticeVersion version(UUID purposeId, String purposeKey, int version) {
        List<Object[]> rows = em.createNativeQuery("select texts, content_hash, published_at from app.consent_notice"
                + " where purpose_id = ?1 and version = ?2").setParameter(1, purposeId).setParameter(2, version).getResultList();
        return rows.isEmpty() ? null : new NoticeVersion(purposeKey, version, texts((String) rows.get(0)[0]), (String) rows.get(0)[1],
                NativeValues.instant(rows.get(0)[2]));
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
            return JSON.writeValueAsString(new TreeMap<>(texts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
