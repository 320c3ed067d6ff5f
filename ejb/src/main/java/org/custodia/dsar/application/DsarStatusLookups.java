package org.custodia.dsar.application;

import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.infrastructure.StatusTokenRepository;

/**
 * Opens a status link for someone without credentials: the token's hash names its tenant (SECURITY DEFINER), then
 * {@link DsarStatusLinks} reads the request bound to that tenant. Empty: malformed, unknown or expired.
 */
@Stateless
public class DsarStatusLookups {

    @Inject
    StatusTokenRepository tokens;

    @Inject
    DsarStatusLinks links;

    public Optional<DsarStatusLinks.SubjectView> view(String token) {
        return tokens.resolve(token, DsarStatusLinks.TOKEN_PREFIX).flatMap(t -> links.view(t.tenantId(), t.tokenHash()));
    }
}
