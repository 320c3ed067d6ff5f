package org.custodia.tenancy.application;

import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.infrastructure.TenantSettingsRepository;

/** A tenant's privacy settings: the jurisdiction it works under as controller, stated in consent receipts. */
@Stateless
@TenantScoped
public class PrivacySettings {

    public record Settings(String jurisdiction) {
        public static final Settings DEFAULTS = new Settings("");
    }

    static final int MAX_JURISDICTION = 100;

    @Inject
    TenantSettingsRepository settings;

    @Inject
    AuditTrail audit;

    public Settings of(@TenantId UUID tenantId) {
        return settings.jurisdiction().map(Settings::new).orElse(Settings.DEFAULTS);
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
        settings.saveJurisdiction(actor.tenantId(), value, StoredTime.now());
        audit.append(actor, "settings.privacy_updated", "tenant", actor.tenantId().toString(), Map.of("jurisdiction", value));
        return new Settings(value);
    }
}
