package org.custodia.notification.application;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.notification.domain.MailLanguages;
import org.custodia.notification.domain.MailTenant;
import org.custodia.notification.infrastructure.MailSettingsRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.Tenants;

/**
 * The language a tenant's mail is written in when its reader has none (a reviewer, an invitee): one the
 * templates exist in for every mail type, shipped or the tenant's own; none set: English.
 */
@Stateless
@TenantScoped
public class MailSettings {

    @Inject
    MailSettingsRepository settings;

    @Inject
    MailTemplates templates;

    @Inject
    Tenants tenants;

    @Inject
    AuditTrail audit;

    public Optional<String> defaultLanguage(@TenantId UUID tenantId) {
        return settings.defaultLanguage(tenantId);
    }

    /** Sets the default language ({@code null} or blank: none, English). */
    public Optional<String> replace(Actor actor, String defaultLanguage) {
        if (defaultLanguage == null || defaultLanguage.isBlank()) {
            settings.clear(actor.tenantId());
            audit.append(actor, "settings.mail_updated", "tenant", actor.tenantId().toString(), Map.of("defaultLanguage", ""));
            return Optional.empty();
        }
        String code = defaultLanguage.strip();
        MailTenant tenant = new MailTenant(actor.tenantId(), tenants.of(actor.tenantId()).slug(), null, ZoneId.of("UTC"));
        if (!code.equals(MailLanguages.code(code)) || !templates.complete(tenant, code)) {
            throw ProblemException.invalid("defaultLanguage", "must be an ISO 639 code the mail templates exist in for every"
                    + " mail type (shipped: " + String.join(", ", MailTemplates.SHIPPED_LANGUAGES) + ", or your own)");
        }
        settings.put(actor.tenantId(), code, StoredTime.now());
        audit.append(actor, "settings.mail_updated", "tenant", actor.tenantId().toString(), Map.of("defaultLanguage", code));
        return Optional.of(code);
    }
}
