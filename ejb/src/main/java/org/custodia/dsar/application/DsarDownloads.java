package org.custodia.dsar.application;

import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.infrastructure.DownloadTokenRepository;

/**
 * The subject's use of a download link. Like {@link DsarIdentityConfirmations}: no credentials, so the token's hash
 * finds the tenant first (SECURITY DEFINER), and {@link DsarDownloadLinks} does the rest bound to it, in the same
 * transaction. Empty: the token is malformed or unknown.
 */
@Stateless
public class DsarDownloads {

    @Inject
    DownloadTokenRepository tokens;

    @Inject
    DsarDownloadLinks links;

    public Optional<DsarDownloadLinks.Preview> look(String token) {
        return tokens.resolve(token, DsarDownloadLinks.TOKEN_PREFIX).flatMap(t -> links.look(t.tenantId(), t.tokenHash()));
    }

    public Optional<DsarDownloadLinks.Redemption> redeem(String token, String requestId) {
        return tokens.resolve(token, DsarDownloadLinks.TOKEN_PREFIX).map(t -> links.redeem(t.tenantId(), t.tokenHash(), requestId));
    }
}
