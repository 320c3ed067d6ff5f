package org.custodia.dsar.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

/** Download links of response packages ({@code app.dsar_download_token}). */
@ApplicationScoped
public class DownloadTokenRepository extends SingleUseLinkRepository {

    @Override
    protected String table() {
        return "app.dsar_download_token";
    }

    @Override
    protected String resolver() {
        return "app.resolve_dsar_download_token";
    }
}
