package org.custodia.dsar.application;

import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.DsarType;
import org.custodia.dsar.domain.IdentityCheck;
import org.custodia.dsar.domain.Jurisdiction;
import org.custodia.dsar.domain.JurisdictionOfCountry;
import org.custodia.dsar.domain.RequestTypes;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.domain.TenantCalendar;

/**
 * A request a data subject made through the tenant's public intake, once {@link PublicDsarIntake} found the tenant:
 * the law is the one the subject named or the one of the controller's stated country; the identity is checked by
 * an email link that expires after the tenant's {@code identityLinkValidity}; the deadline counts from receipt.
 */
@Stateless
@TenantScoped
public class DsarPublicIntake {

    /** Who the audit trail names for a request nobody signed in to make. */
    static final String ACTOR = "public-intake";

    @Inject
    DsarService dsars;

    @Inject
    DsarIntakeSettings settings;

    @Inject
    CalendarSettings calendars;

    /** {@code type}, {@code named} (may be null) and {@code contact} are valid (checked by the caller). */
    public DsarRequest submit(@TenantId UUID tenantId, DsarType type, Jurisdiction named, SubjectContact contact, String requestId) {
        Jurisdiction jurisdiction = named;
        if (jurisdiction == null) {
            TenantCalendar calendar = calendars.of(tenantId);
            jurisdiction = JurisdictionOfCountry.infer(calendar.country(), calendar.subdivision())
                    .orElseThrow(() -> ProblemException.invalid("jurisdiction", PublicDsarIntake.JURISDICTION_NEEDED));
            if (!RequestTypes.allowed(jurisdiction, type)) {
                throw ProblemException.invalid("type", RequestTypes.refusal(jurisdiction, type));
            }
        }
        Instant now = StoredTime.now();
        Actor actor = Actor.system(tenantId, ACTOR, requestId);
        DsarRequest request = dsars.open(actor, type, jurisdiction, null, now, IdentityCheck.EMAIL_LINK,
                settings.of(tenantId).linkExpiresAt(now), contact);
        return request;
    }
}
