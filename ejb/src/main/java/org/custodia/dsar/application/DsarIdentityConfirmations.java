package org.custodia.dsar.application;

import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.domain.EmailConfirmation;
import org.custodia.dsar.infrastructure.IdentityTokenRepository;
import org.custodia.kernel.OpaqueToken;

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
        String hash = hashOf(token);
        UUID tenantId = hash == null ? null : tokens.tenantOf(hash).orElse(null);
        return tenantId == null ? Optional.empty() : links.look(tenantId, hash);
    }

    public Optional<EmailConfirmation.State> confirm(String token, String requestId) {
        String hash = hashOf(token);
        UUID tenantId = hash == null ? null : tokens.tenantOf(hash).orElse(null);
        return tenantId == null ? Optional.empty() : Optional.of(links.redeem(tenantId, hash, requestId));
    }

    private static String hashOf(String token) {
        return OpaqueToken.wellFormed(token, DsarIdentityLinks.TOKEN_PREFIX) ? OpaqueToken.hashOf(token) : null;
    }
}
