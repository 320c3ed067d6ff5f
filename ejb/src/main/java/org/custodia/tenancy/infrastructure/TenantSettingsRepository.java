package org.custodia.tenancy.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;
import org.custodia.tenancy.domain.TenantCalendar;

/**
 * A tenant's settings rows ({@code app.tenant_security}, {@code app.tenant_privacy}, {@code app.tenant_calendar}):
 * at most one each,
 * read through row-level security (the bound tenant's) and written by upsert.
 */
@ApplicationScoped
public class TenantSettingsRepository {

    /** {@code corsOrigins}: a JSON array of origins, as stored. */
    public record StoredSecurity(boolean mfaRequired, String corsOrigins, int sessionIdleMinutes) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public Optional<StoredSecurity> security() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select mfa_required, cors_origins, session_idle_minutes from app.tenant_security")
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(new StoredSecurity((Boolean) rows.get(0)[0],
                (String) rows.get(0)[1], ((Number) rows.get(0)[2]).intValue()));
    }

    public void saveSecurity(UUID tenantId, StoredSecurity security, Instant updatedAt) {
        em.createNativeQuery("insert into app.tenant_security (tenant_id, mfa_required, cors_origins, updated_at, session_idle_minutes)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict (tenant_id) do update set mfa_required = excluded.mfa_required, "
                        + "cors_origins = excluded.cors_origins, updated_at = excluded.updated_at, "
                        + "session_idle_minutes = excluded.session_idle_minutes")
                .setParameter(1, tenantId).setParameter(2, security.mfaRequired()).setParameter(3, security.corsOrigins())
                .setParameter(4, NativeValues.at(updatedAt)).setParameter(5, security.sessionIdleMinutes()).executeUpdate();
    }

    public Optional<String> jurisdiction() {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select jurisdiction from app.tenant_privacy").getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public void saveJurisdiction(UUID tenantId, String jurisdiction, Instant updatedAt) {
        em.createNativeQuery("insert into app.tenant_privacy (tenant_id, jurisdiction, updated_at) values (?1, ?2, ?3)"
                        + " on conflict (tenant_id) do update set jurisdiction = excluded.jurisdiction, updated_at = excluded.updated_at")
                .setParameter(1, tenantId).setParameter(2, jurisdiction)
                .setParameter(3, NativeValues.at(updatedAt)).executeUpdate();
    }

    public Optional<TenantCalendar> calendar() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select time_zone, country, subdivision, published_response_days,"
                + " stop_the_clock_where_law_is_silent from app.tenant_calendar").getResultList();
        return rows.stream().findFirst().map(r -> TenantCalendar.of((String) r[0], (String) r[1], (String) r[2])
                .withChoices(((Number) r[3]).intValue(), (Boolean) r[4]));
    }

    public void saveCalendar(UUID tenantId, TenantCalendar calendar, Instant updatedAt) {
        em.createNativeQuery("insert into app.tenant_calendar (tenant_id, time_zone, country, subdivision, updated_at,"
                        + " published_response_days, stop_the_clock_where_law_is_silent)"
                        + " values (?1, ?2, nullif(?3, ''), nullif(?4, ''), ?5, ?6, ?7) on conflict (tenant_id) do update set time_zone = excluded.time_zone,"
                        + " country = excluded.country, subdivision = excluded.subdivision, updated_at = excluded.updated_at,"
                        + " published_response_days = excluded.published_response_days,"
                        + " stop_the_clock_where_law_is_silent = excluded.stop_the_clock_where_law_is_silent")
                .setParameter(1, tenantId).setParameter(2, calendar.timeZone().getId())
                .setParameter(3, Objects.requireNonNullElse(calendar.country(), ""))
                .setParameter(4, Objects.requireNonNullElse(calendar.subdivision(), "")) // none: '' binds as text, then null
                .setParameter(5, NativeValues.at(updatedAt))
                .setParameter(6, calendar.publishedResponseDays())
                .setParameter(7, calendar.stopTheClockWhereLawIsSilent()).executeUpdate();
    }
}
