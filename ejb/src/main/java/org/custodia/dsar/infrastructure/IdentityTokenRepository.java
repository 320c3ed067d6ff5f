package org.custodia.dsar.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

/** Email confirmation links of requests ({@code app.dsar_identity_token}). */
@ApplicationScoped
public class IdentityTokenRepository extends SingleUseLinkRepository {

    @Override
    protected String table() {
        return "app.dsar_identity_token";
    }

    @Override
    protected String resolver() {
        return "app.resolve_dsar_identity_token";
    }
}
