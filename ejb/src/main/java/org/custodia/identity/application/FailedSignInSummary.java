package org.custodia.identity.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;

/**
 * Brings failed sign-ins into the audit chain: one {@code auth.failed_signins_summary} event per tenant
 * and round with the counts {@link SignInFailures} gathered since the last one. Unauthenticated traffic
 * thus never appends to a chain (and never waits on its head lock); the round does, once.
 */
@Stateless
public class FailedSignInSummary {

    static final String EVENT = "auth.failed_signins_summary";
    private static final int MAX_LISTED_USERS = 100;

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    /** Claims the tenant's unsummarised counts and appends their summary; false when there was nothing. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean summarise(UUID tenantId, String requestId) {
        tenantSession.bind(tenantId);
        // the sub-select locks the rows it reads, so a failure counted concurrently lands in this round or the next
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("update app.sign_in_failure f set pending_failures = 0, pending_refusals = 0"
                        + " from (select address_hash, pending_failures, pending_refusals from app.sign_in_failure"
                        + " where tenant_id = ?1 and (pending_failures > 0 or pending_refusals > 0) for update) claimed"
                        + " where f.tenant_id = ?1 and f.address_hash = claimed.address_hash"
                        + " returning f.user_id, claimed.pending_failures, claimed.pending_refusals, f.device_id")
                .setParameter(1, tenantId).getResultList();
        em.createNativeQuery("delete from app.sign_in_failure where tenant_id = ?1 and pending_failures = 0 and pending_refusals = 0"
                        + " and (locked_until is null or locked_until < now()) and last_failure_at < now() - interval '1 day'")
                .setParameter(1, tenantId).executeUpdate();
        if (rows.isEmpty()) {
            return false;
        }
        long failures = 0;
        long refusals = 0;
        long devices = 0;
        Map<String, Long> byUser = new TreeMap<>();
        for (Object[] r : rows) {
            if (r[3] != null) {
                devices++; // a trusted device's own counter (device cookie), not an address
            }
            long f = ((Number) r[1]).longValue();
            failures += f;
            refusals += ((Number) r[2]).longValue();
            if (r[0] != null) {
                byUser.merge(r[0].toString(), f, Long::sum);
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("failures", failures);
        payload.put("refusedWhileBackingOff", refusals);
        payload.put("addresses", rows.size() - devices);
        payload.put("trustedDevices", devices);
        payload.put("knownAccounts", byUser.size());
        List<String> listed = new ArrayList<>();
        byUser.entrySet().stream().limit(MAX_LISTED_USERS).forEach(e -> listed.add(e.getKey() + ":" + e.getValue()));
        payload.put("failuresByUser", String.join(",", listed));
        audit.append(Actor.system(tenantId, "sign-in-log", requestId), EVENT, "tenant", tenantId.toString(), payload);
        return true;
    }
}
