package org.custodia.dsar.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.dsar.domain.IntakeSettings;
import org.custodia.dsar.domain.IsoDuration;
import org.custodia.dsar.infrastructure.IntakeSettingsRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/** The tenant's intake settings: email link validity, duplicate window, download link validity ({@link IntakeSettings}). */
@Stateless
@TenantScoped
public class DsarIntakeSettings {

    @Inject
    IntakeSettingsRepository settings;

    @Inject
    AuditTrail audit;

    public IntakeSettings of(@TenantId UUID tenantId) {
        return settings.find().orElse(IntakeSettings.DEFAULT);
    }

    /**
     * Applies to requests received (links issued) from now on; links already mailed keep their expiry; the retention
     * applies to every package at the next purge round. A null {@code downloadLinkValidity} (P14D) or
     * {@code packageRetention} (P30D) is the default.
     */
    public IntakeSettings replace(Actor actor, String identityLinkValidity, String duplicateWindow, String downloadLinkValidity,
                                  String packageRetention) {
        List<FieldError> problems = IntakeSettings.problems(identityLinkValidity, duplicateWindow, downloadLinkValidity,
                packageRetention);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        IntakeSettings parsed = IntakeSettings.parse(identityLinkValidity, duplicateWindow, downloadLinkValidity, packageRetention);
        settings.put(actor.tenantId(), IsoDuration.text(parsed.identityLinkValidity()), IsoDuration.text(parsed.duplicateWindow()),
                IsoDuration.text(parsed.downloadLinkValidity()), IsoDuration.text(parsed.packageRetention()), StoredTime.now());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("identityLinkValidity", IsoDuration.text(parsed.identityLinkValidity()));
        payload.put("duplicateWindow", IsoDuration.text(parsed.duplicateWindow()));
        payload.put("downloadLinkValidity", IsoDuration.text(parsed.downloadLinkValidity()));
        payload.put("packageRetention", IsoDuration.text(parsed.packageRetention()));
        audit.append(actor, "settings.dsar_intake_updated", "tenant", actor.tenantId().toString(), payload);
        return parsed;
    }
}
