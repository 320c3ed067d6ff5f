package org.custodia.notification.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;

/** The tenant's mail settings ({@code app.tenant_mail_setting}), one row or none (English). */
@ApplicationScoped
public class MailSettingsRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The tenant named as well as RLS's: a missing tenant binding cannot widen what a query touches. */
    public Optional<String> defaultLanguage(UUID tenantId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select default_language from app.tenant_mail_setting where tenant_id = ?1")
                .setParameter(1, tenantId).getResultList();
        return rows.stream().findFirst().map(String.class::cast);
    }

    public void put(UUID tenantId, String defaultLanguage, Instant at) {
        em.createNativeQuery("insert into app.tenant_mail_setting (tenant_id, default_language, updated_at) values (?1, ?2, ?3)"
                        + " on conflict (tenant_id) do update set default_language = excluded.default_language, updated_at = excluded.updated_at")
                .setParameter(1, tenantId).setParameter(2, defaultLanguage).setParameter(3, NativeValues.at(at)).executeUpdate();
    }

    public void clear(UUID tenantId) {
        em.createNativeQuery("delete from app.tenant_mail_setting where tenant_id = ?1").setParameter(1, tenantId).executeUpdate();
    }
}
