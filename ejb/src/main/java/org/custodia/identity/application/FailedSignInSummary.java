package org.custodia.identity.application;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.domain.FailedSignInReport;
import org.custodia.identity.domain.PendingSignInFailures;
import org.custodia.identity.infrastructure.SignInFailureRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Brings failed sign-ins into the audit chain: one {@code auth.failed_signins_summary} event per tenant
 * and round with the counts {@link SignInFailures} gathered since the last one. Unauthenticated traffic
 * thus never appends to a chain (and never waits on its head lock); the round does, once.
 */
@Stateless
@TenantScoped
public class FailedSignInSummary {

    static final String EVENT = "auth.failed_signins_summary";

    @Inject
    SignInFailureRepository counters;

    @Inject
    AuditTrail audit;

    /** Claims the tenant's unsummarised counts and appends their summary; false when there was nothing. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean summarise(@TenantId UUID tenantId, String requestId) {
        List<PendingSignInFailures> claimed = counters.claimPending(tenantId);
        counters.purgeSettled(tenantId);
        if (claimed.isEmpty()) {
            return false;
        }
        audit.append(Actor.system(tenantId, "sign-in-log", requestId), EVENT, "tenant", tenantId.toString(),
                FailedSignInReport.of(claimed));
        return true;
    }
}
