package org.custodia.tenancy.api;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.PlatformAdminEndpoint;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequestIdFilter;
import org.custodia.platform.context.Actor;
import org.custodia.tenancy.application.TenantRateLimits;
import org.custodia.tenancy.domain.RateLimits;

/**
 * The operator sets a tenant's rate limits (defaults: 10,000 checks, 1,000 mutations and 6 costly operations
 * per minute; costlyPerMinute may be left out for the installation's default).
 */
@Path("/admin/tenants/{tenantId}/rate-limits")
@PlatformAdminEndpoint
public class RateLimitResource {

    public record Limits(Integer checksPerMinute, Integer mutationsPerMinute, Integer costlyPerMinute) {
    }

    @Inject
    TenantRateLimits limits;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Limits set(@PathParam("tenantId") String tenantId, Limits body) {
        RequestBodies.required(body);
        UUID id = Inputs.id(tenantId, "Tenant");
        RateLimits set = limits.set(new Actor(id, "system:operator", RequestIdFilter.currentRequestId()),
                body.checksPerMinute(), body.mutationsPerMinute(), body.costlyPerMinute());
        return new Limits(set.checksPerMinute(), set.mutationsPerMinute(), set.costlyPerMinute());
    }
}
