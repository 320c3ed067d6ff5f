package org.custodia.platform.context;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links mailed to a data subject that open a page of the organisation's privacy center,
 * {@code <public url>/privacy/<slug>/<page>?lang=<language>#<token>}: the token sits in the fragment, which browsers
 * never send to a server, so it stays out of access logs and Referer headers; the page posts it.
 */
public final class PrivacyCenterUrl {

    private PrivacyCenterUrl() {
    }

    /** {@code language}: the subject's tag, or null to let the page take the browser's. */
    public static URI page(String tenantSlug, String page, String language, String token) {
        String lang = language == null || language.isBlank() ? "" : "?lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8);
        return URI.create(PublicUrl.base() + "/privacy/" + tenantSlug + "/" + page + lang + "#" + token);
    }
}
