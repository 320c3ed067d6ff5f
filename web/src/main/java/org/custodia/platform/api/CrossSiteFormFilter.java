package org.custodia.platform.api;

import java.util.Locale;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import org.custodia.platform.context.PublicUrl;

/**
 * A form another site makes a signed-in browser post (cross-site request forgery) is refused with 403 before
 * anything else looks at it: a state-changing request carrying the console's session cookie, with a body a plain
 * HTML form can send without asking (form fields, multipart, plain text), from an origin that is not this site's.
 * The console itself sends JSON from this site; an origin a tenant allows (CORS) must send JSON too, which the
 * browser asks before, and the authentication filter checks those against the tenant's list.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CrossSiteFormFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || !request.getCookies().containsKey(SessionCookie.name())) {
            return;
        }
        MediaType type;
        try {
            type = request.getMediaType();
        } catch (RuntimeException malformed) {
            type = null; // judged as a form would be
        }
        if (type != null && !FORM_TYPES.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT))) {
            return;
        }
        if (!fromThisSite(request.getHeaderString("Origin"), request.getHeaderString("Sec-Fetch-Site"))) {
            request.abortWith(Problems.response(403, "forbidden", "Forbidden",
                    "A console session may change data only from this site or an allowed origin."));
        }
    }

    static boolean fromThisSite(String origin, String fetchSite) {
        if ("null".equals(origin)) { // our own pages' forms under Referrer-Policy: no-referrer; the browser still says where from
            return "same-origin".equals(fetchSite);
        }
        if (origin != null) {
            return origin.equals(PublicUrl.origin());
        }
        return fetchSite == null || "same-origin".equals(fetchSite) || "none".equals(fetchSite);
    }
}
