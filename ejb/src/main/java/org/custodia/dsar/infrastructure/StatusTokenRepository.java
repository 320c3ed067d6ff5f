package org.custodia.dsar.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

/** Status links of requests ({@code app.dsar_status_token}): opened any number of times until they expire. */
@ApplicationScoped
public class StatusTokenRepository extends SingleUseLinkRepository {

    @Override
    protected String table() {
        return "app.dsar_status_token";
    }

    @Override
    protected String resolver() {
        return "app.resolve_dsar_status_token";
    }
}
