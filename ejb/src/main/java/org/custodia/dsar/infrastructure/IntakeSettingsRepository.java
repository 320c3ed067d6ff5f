package org.custodia.dsar.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.dsar.domain.IntakeSettings;
import org.custodia.platform.persistence.NativeValues;

/** The tenant's intake settings ({@code app.dsar_intake_setting}), one row or none (the defaults). */
@ApplicationScoped
public class IntakeSettingsRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public Optional<IntakeSettings> find() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select identity_link_validity, duplicate_window,"
                        + " download_link_validity, package_retention from app.dsar_intake_setting")
                .getResultList();
        return rows.stream().findFirst().map(r -> IntakeSettings.parse((String) r[0], (String) r[1], (String) r[2],
                (String) r[3]));
    }

    public void put(UUID tenantId, String identityLinkValidity, String duplicateWindow, String downloadLinkValidity,
                    String packageRetention, Instant at) {
        em.createNativeQuery("insert into app.dsar_intake_setting (tenant_id, identity_link_validity, duplicate_window,"
                        + " download_link_validity, package_retention, updated_at) values (?1, ?2, ?3, ?4, ?6, ?5)"
                        + " on conflict (tenant_id) do update set"
                        + " identity_link_validity = excluded.identity_link_validity, duplicate_window = excluded.duplicate_window,"
                        + " download_link_validity = excluded.download_link_validity,"
                        + " package_retention = excluded.package_retention, updated_at = excluded.updated_at")
                .setParameter(1, tenantId).setParameter(2, identityLinkValidity).setParameter(3, duplicateWindow)
                .setParameter(4, downloadLinkValidity).setParameter(5, NativeValues.at(at)).setParameter(6, packageRetention)
                .executeUpdate();
    }
}
