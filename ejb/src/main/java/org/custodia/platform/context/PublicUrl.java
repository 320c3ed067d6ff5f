package org.custodia.platform.context;

import org.custodia.platform.config.Setting;

/**
 * The address users reach the suite at ({@code CUSTODIA_PUBLIC_URL}, default http://localhost:8080):
 * links in mail and the OIDC redirect URI are built from it, never from a request's Host header.
 */
public final class PublicUrl {

    private PublicUrl() {
    }

    public static String base() {
        String url = Setting.PUBLIC_URL.text();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static String origin() {
        java.net.URI uri = java.net.URI.create(base());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
