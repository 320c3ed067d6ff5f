package org.custodia.retention.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.retention.application.RetentionPolicies;
import org.custodia.retention.domain.RetentionPeriods;
import org.custodia.retention.domain.RetentionPolicy;
import org.custodia.retention.domain.RetentionPolicyDraft;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The tenant's retention policies, which the record of processing links each data category's time limit for
 * erasure to (Art. 30(1)(f)).
 */
@Path("/retention-policies")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RetentionPolicyResource {

    /**
     * {@code period}: ISO-8601 years, months and days ({@code P6Y}); {@code startsAt}: COLLECTION, LAST_ACTIVITY,
     * END_OF_RELATIONSHIP, CASE_CLOSED, CONSENT_WITHDRAWN or END_OF_YEAR; {@code action}: ERASE, ANONYMISE or REVIEW.
     * On a change the {@code key} may be left out (it cannot change).
     */
    public record PolicyBody(String key, String name, String period, String startsAt, String action, String legalReference,
                             String description) {
        RetentionPolicyDraft draft() {
            return new RetentionPolicyDraft(key, name, period, startsAt, action, legalReference, description);
        }
    }

    /**
     * {@code summary}: the terms in words; {@code usedBy}: the references of the register entries that link it (null for
     * a caller without {@code ropa:view}).
     */
    public record PolicyView(String id, String key, String name, String period, String startsAt, String action, String summary,
                             String legalReference, String description, String createdAt, String updatedAt, List<String> usedBy) {
        static PolicyView of(RetentionPolicy p, List<String> usedBy) {
            return new PolicyView(p.id().toString(), p.key(), p.name(), RetentionPeriods.iso(p.period()), p.startsAt().name(),
                    p.action().name(), p.summary(), p.legalReference(), p.description(), p.createdAt().toString(),
                    p.updatedAt().toString(), usedBy);
        }
    }

    @Inject
    RetentionPolicies policies;

    @Inject
    CallerContext caller;

    @RequiresPermission("retention:create")
    @POST
    @APIResponse(responseCode = "201", description = "The policy",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyView.class)))
    public Response add(PolicyBody body) {
        RequestBodies.required(body);
        RetentionPolicy p = policies.add(caller.actor(), body.draft());
        return Response.status(201).entity(PolicyView.of(p, usedBy(usage(), p))).build();
    }

    @RequiresPermission("retention:view")
    @GET
    public List<PolicyView> list() {
        var tenantId = caller.caller().tenantId();
        Map<String, List<String>> usage = usage();
        return policies.list(tenantId).stream().map(p -> PolicyView.of(p, usedBy(usage, p))).toList();
    }

    @RequiresPermission("retention:view")
    @GET
    @Path("/{key}")
    public PolicyView get(@PathParam("key") String key) {
        RetentionPolicy p = policies.get(caller.caller().tenantId(), key);
        return PolicyView.of(p, usedBy(usage(), p));
    }

    @RequiresPermission("retention:update")
    @PUT
    @Path("/{key}")
    public PolicyView revise(@PathParam("key") String key, PolicyBody body) {
        RequestBodies.required(body);
        RetentionPolicy p = policies.revise(caller.actor(), key, body.draft());
        return PolicyView.of(p, usedBy(usage(), p));
    }

    /** Which entries link each policy, for a caller who may read the register (null: not shown). */
    private Map<String, List<String>> usage() {
        return caller.caller().permissions().contains("ropa:view") ? policies.usage(caller.caller().tenantId()) : null;
    }

    private static List<String> usedBy(Map<String, List<String>> usage, RetentionPolicy p) {
        return usage == null ? null : usage.getOrDefault(p.key(), List.of());
    }

    @RequiresPermission("retention:delete")
    @DELETE
    @Path("/{key}")
    @APIResponse(responseCode = "204", description = "The policy is removed (refused with 409 while a register entry links it)")
    public Response remove(@PathParam("key") String key) {
        policies.remove(caller.actor(), key);
        return Response.noContent().build();
    }
}
