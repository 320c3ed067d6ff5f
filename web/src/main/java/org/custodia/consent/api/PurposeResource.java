package org.custodia.consent.api;

import org.custodia.platform.api.RequiresPermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.consent.application.ConsentService;
import org.custodia.consent.application.PurposeActivities;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.PurposeDetails;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.problem.ProblemException;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/purposes")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PurposeResource {

    /**
     * {@code names}: per BCP 47 language tag; {@code legalBasis}: GDPR Art. 6(1), default CONSENT;
     * {@code retention}: ISO-8601 period; {@code honoursGpc}: default false; {@code reconsentOnNoticeChange}: default true;
     * {@code thirdPartyDisclosure}: whether the purpose discloses personal data to third parties, default false.
     */
    public record DefinePurpose(String key, String name, String description, Map<String, String> names,
                                String legalBasis, List<String> dataCategories, String retention, Boolean honoursGpc,
                                Boolean reconsentOnNoticeChange, Boolean thirdPartyDisclosure) {
    }

    public record PurposeView(String id, String key, String name, String description, int version,
                              Map<String, String> names, String legalBasis, List<String> dataCategories,
                              String retention, boolean honoursGpc, boolean reconsentOnNoticeChange, Integer noticeVersion,
                              String createdAt, boolean thirdPartyDisclosure, String activityId) {
        static PurposeView of(ConsentPurpose p, java.util.UUID activityId) {
            PurposeDetails d = p.details();
            return new PurposeView(p.id().toString(), p.key(), p.name(), p.description(), p.version(), d.names(),
                    d.legalBasis().name(), d.dataCategories(), d.retention(), d.honoursGpc(),
                    d.reconsentOnNoticeChange(), p.noticeVersion(), p.createdAt().toString(), d.thirdPartyDisclosure(),
                    activityId == null ? null : activityId.toString());
        }
    }

    /** {@code activityId}: the processing activity the purpose serves; null unlinks it. */
    public record ActivityLink(String activityId) {
    }

    @Inject
    ConsentService consents;

    @Inject
    CallerContext caller;

    @Inject
    PurposeActivities activities;

    @RequiresPermission("purpose:create")
    @POST
    @APIResponse(responseCode = "201", description = "The purpose, version 1",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurposeView.class)))
    public Response define(DefinePurpose body) {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        PurposeDetails details = PurposeDetails.of(body.names(), body.legalBasis(), body.dataCategories(), body.retention(),
                body.honoursGpc(), body.reconsentOnNoticeChange(), body.thirdPartyDisclosure(), errors);
        return Response.status(201).entity(PurposeView.of(consents.definePurpose(caller.actor(), body.key(), body.name(),
                body.description(), details, errors), null)).build();
    }

    @RequiresPermission("purpose:view")
    @GET
    public List<PurposeView> list() {
        Map<String, java.util.UUID> links = activities.links(caller.caller().tenantId());
        return consents.purposes(caller.caller().tenantId()).stream().map(p -> PurposeView.of(p, links.get(p.key()))).toList();
    }

    /**
     * Where purposes and the processing activities they serve disagree (legal basis not among the activity's lawful
     * bases, a data category missing from its record or kept for another time), and the purposes linked to none.
     */
    @RequiresPermission("ropa:view")
    @GET
    @Path("/activity-findings")
    public List<PurposeActivities.Finding> activityFindings() {
        alsoHolds("purpose:view", "it lists the consent purposes");
        return activities.findings(caller.caller().tenantId());
    }

    @RequiresPermission("purpose:update")
    @PUT
    @Path("/{key}/activity")
    public PurposeView linkActivity(@PathParam("key") String key, ActivityLink body) {
        RequestBodies.required(body);
        if (body.activityId() != null) {
            alsoHolds("ropa:view", "linking names an entry of the record of processing");
        }
        java.util.UUID activity = null;
        if (body.activityId() != null) {
            try {
                activity = java.util.UUID.fromString(body.activityId());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("activityId", "must be an id (UUID)");
            }
        }
        return PurposeView.of(activities.link(caller.actor(), key, activity), activity);
    }

    /** Findings and links join purposes and the record of processing: the caller must be one who may read both. */
    private void alsoHolds(String permission, String because) {
        if (!caller.caller().permissions().contains(permission)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "This also needs the permission '" + permission + "': " + because + ".",
                    List.of());
        }
    }

    @RequiresPermission("purpose:view")
    @GET
    @Path("/{key}")
    public PurposeView get(@PathParam("key") String key) {
        ConsentPurpose p = consents.purpose(caller.caller().tenantId(), key);
        if (p == null) {
            throw ProblemException.notFound("Purpose '" + key + "'");
        }
        return PurposeView.of(p, activities.links(caller.caller().tenantId()).get(key));
    }
}
