package org.custodia.platform.api;

import jakarta.enterprise.context.RequestScoped;

import org.custodia.identity.domain.ApiCaller;
import org.custodia.platform.context.Actor;

/** The authenticated caller of the current request, set by {@link ApiAuthenticationFilter}. */
@RequestScoped
public class CallerContext {

    private ApiCaller caller;

    void authenticated(ApiCaller caller) {
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
