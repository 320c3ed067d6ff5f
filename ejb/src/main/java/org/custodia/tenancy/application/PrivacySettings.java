package org.custodia.tenancy.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;

/** A tenant's privacy settings: the jurisdiction it works under as controller, stated in consent receipts. */
@Stateless
public class PrivacySettings {

    public record Settings(String jurisdiction) {
        public static final Settings DEFAULTS = new Settings("");
    }

    static final int MAX_JURISDICTION = 100;

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    public Settings of(UUID tenantId) {
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select jurisdiction from app.tenant_privacy").getResultList();
        return rows.isEmpty() ? Settings.DEFAULTS : new Settings(rows.get(0));
    }

    /** {@code jurisdiction}: e.g. "EU", "IN" or "US-CA"; empty when not stated. */
    public Settings update(Actor actor, String jurisdiction) {
        if (jurisdiction == null) {
            throw ProblemException.invalid("jurisdiction", "is required (may be empty)");
        }
        String value = jurisdiction.strip();
        if (value.length() > MAX_JURISDICTION || !value.codePoints().allMatch(c -> !Character.isISOControl(c)
                && Character.getType(c) != Character.SURROGATE)) {
            throw ProblemException.invalid("jurisdiction", "at most " + MAX_JURISDICTION + " printable characters");
        }
        tenantSession.bind(actor.tenantId());
        em.createNativeQuery("insert into app.tenant_privacy (tenant_id, jurisdiction, updated_at) values (?1, ?2, ?3)"
                        + " on conflict (tenant_id) do update set jurisdiction = excluded.jurisdiction, updated_at = excluded.updated_at")
                .setParameter(1, actor.tenantId()).setParameter(2, value)
                .setParameter(3, NativeValues.at(StoredTime.now())).executeUpdate();
        audit.append(actor, "settings.privacy_updated", "tenant", actor.tenantId().toString(), Map.of("jurisdiction", value));
        return new Settings(value);
    }
}
