package org.custodia.consent.application;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.consent.domain.ConsentEvent;
import org.custodia.consent.infrastructure.WithdrawalLinkRepository;
import org.custodia.platform.problem.ProblemException;

/**
 * Redeems the one-click withdrawal link of a receipt mail. The caller has no credentials, so no tenant is known
 * until the link's hash resolves to one (SECURITY DEFINER); hence not {@code @TenantScoped}: the withdrawal itself
 * runs in {@link ConsentLedger}, bound to that tenant, in the same transaction.
 */
@Stateless
public class WithdrawalLinks {

    @Inject
    WithdrawalLinkRepository links;

    @Inject
    ConsentLedger ledger;

    public ConsentEvent redeem(String token, String requestId) {
        String tokenHash = token == null ? null : ConsentReceipts.hashOfLink(token);
        UUID tenantId = tokenHash == null ? null : links.tenantOf(tokenHash).orElse(null);
        if (tenantId == null) {
            throw ProblemException.invalid("token", "is not a valid withdrawal link");
        }
        return ledger.withdrawByLink(tenantId, tokenHash, requestId);
    }
}
