package org.custodia.dsar.api;

import org.custodia.platform.api.RequiresPermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.dsar.application.DsarService;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

@Path("/dsars")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DsarResource {

    /**
     * {@code receivedAt}: ISO-8601 instant when the request reached the controller (default: now);
     * {@code identity}: VERIFIED (default: the caller attests the subject's identity) or DOCUMENTS (an approver checks them).
     */
    public record SubmitDsar(String type, String jurisdiction, String subject, String receivedAt, String identity) {
    }

    public record DsarView(String id, String type, String jurisdiction, String subject, String receivedAt,
                           String warningAt, String dueAt, String status, String identityCheck, boolean breached,
                           String breachedAt, String escalatedAt, String processInstanceId) {
        static DsarView of(DsarRequest r) {
            return new DsarView(r.id().toString(), r.type().name(), r.jurisdiction().name(), r.subjectId(),
                    r.receivedAt().toString(), r.warningAt().toString(), r.dueAt().toString(), r.status().name(),
                    r.identityCheck().name(), r.breached(), text(r.breachedAt()), text(r.escalatedAt()),
                    r.processInstanceId());
        }

        private static String text(Instant at) {
            return at == null ? null : at.toString();
        }
    }

    @Inject
    DsarService dsars;

    @Inject
    CallerContext caller;

    @RequiresPermission("dsar:create")
    @POST
    public Response submit(SubmitDsar body) {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        Instant receivedAt = Inputs.instant("receivedAt", body.receivedAt(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        DsarRequest r = dsars.submit(caller.actor(), body.type(), body.jurisdiction(), body.subject(), receivedAt,
                body.identity());
        return Response.status(201).entity(DsarView.of(r)).build();
    }

    @RequiresPermission("dsar:view")
    @GET
    @Path("/{id}")
    public DsarView get(@PathParam("id") String id) {
        UUID uuid = Inputs.id(id, "DSAR");
        return DsarView.of(dsars.find(caller.caller().tenantId(), uuid));
    }
}
