package org.custodia.dsar.application;

import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.domain.EmailConfirmation;
import org.custodia.dsar.infrastructure.IdentityTokenRepository;

/**
 * The subject's click on an email confirmation link. The caller has no credentials, so no tenant is known until the
 * token's hash resolves to one (SECURITY DEFINER); hence not {@code @TenantScoped}: {@link DsarIdentityLinks} does the
 * rest bound to that tenant, in the same transaction. Empty: the token is malformed or unknown.
 */
@Stateless
public class DsarIdentityConfirmations {

    @Inject
    IdentityTokenRepository tokens;

    @Inject
    DsarIdentityLinks links;

    public Optional<DsarIdentityLinks.Preview> look(String token) {
        return tokens.resolve(token, DsarIdentityLinks.TOKEN_PREFIX).flatMap(t -> links.look(t.tenantId(), t.tokenHash()));
    }

    public Optional<EmailConfirmation.State> confirm(String token, String requestId) {
        return tokens.resolve(token, DsarIdentityLinks.TOKEN_PREFIX).map(t -> links.redeem(t.tenantId(), t.tokenHash(), requestId));
    }
}
