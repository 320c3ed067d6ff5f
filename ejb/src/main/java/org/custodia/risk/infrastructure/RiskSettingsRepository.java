package org.custodia.risk.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;
import org.custodia.risk.domain.RiskBands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The tenant's risk bands ({@code app.risk_settings}); none stored: the default bands. */
@Stateless
public class RiskSettingsRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @SuppressWarnings("unchecked")
    public RiskBands bands() {
        List<String> rows = em.createNativeQuery("select bands from app.risk_settings").getResultList();
        if (rows.isEmpty()) {
            return RiskBands.DEFAULT;
        }
        try {
            return new RiskBands(JSON.readValue(rows.get(0), new TypeReference<List<RiskBands.Setting>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored risk bands are not JSON", e);
        }
    }

    public void save(UUID tenantId, RiskBands bands, Instant now) {
        try {
            em.createNativeQuery("insert into app.risk_settings values (?1, ?2, ?3) on conflict (tenant_id) do update"
                            + " set bands = excluded.bands, updated_at = excluded.updated_at")
                    .setParameter(1, tenantId).setParameter(2, JSON.writeValueAsString(bands.bands()))
                    .setParameter(3, NativeValues.at(now)).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
