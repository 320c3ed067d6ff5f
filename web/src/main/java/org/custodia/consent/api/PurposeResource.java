package org.custodia.consent.api;

import org.custodia.platform.api.RequiresPermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.consent.application.ConsentService;
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
                              String createdAt, boolean thirdPartyDisclosure) {
        static PurposeView of(ConsentPurpose p) {
            PurposeDetails d = p.details();
            return new PurposeView(p.id().toString(), p.key(), p.name(), p.description(), p.version(), d.names(),
                    d.legalBasis().name(), d.dataCategories(), d.retention(), d.honoursGpc(),
                    d.reconsentOnNoticeChange(), p.noticeVersion(), p.createdAt().toString(), d.thirdPartyDisclosure());
        }
    }

    @Inject
    ConsentService consents;

    @Inject
    CallerContext caller;

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
                body.description(), details, errors))).build();
    }

    @RequiresPermission("purpose:view")
    @GET
    public List<PurposeView> list() {
        return consents.purposes(caller.caller().tenantId()).stream().map(PurposeView::of).toList();
    }

    @RequiresPermission("purpose:view")
    @GET
    @Path("/{key}")
    public PurposeView get(@PathParam("key") String key) {
        ConsentPurpose p = consents.purpose(caller.caller().tenantId(), key);
        if (p == null) {
            throw ProblemException.notFound("Purpose '" + key + "'");
        }
        return PurposeView.of(p);
    }
}
