package org.custodia.platform.api;

import jakarta.enterprise.context.RequestScoped;

import org.custodia.platform.context.ApiCaller;
import org.custodia.platform.context.Actor;

/** The authenticated caller of the current request, set by {@code identity.api.ApiAuthenticationFilter}. */
@RequestScoped
public class CallerContext {

    private ApiCaller caller;

    /** Set once per request, by the authentication filter. */
    public void authenticated(ApiCaller caller) {
        if (this.caller != null) {
            throw new IllegalStateException("the caller of this request is already set");
        }
        this.caller = caller;
    }

    public boolean authenticated() {
        return caller != null;
    }

    public ApiCaller caller() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return caller;
    }

    public Actor actor() {
        ApiCaller c = caller();
        return new Actor(c.tenantId(), c.principal(), RequestIdFilter.currentRequestId());
    }
}
