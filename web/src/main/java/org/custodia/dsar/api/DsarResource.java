package org.custodia.dsar.api;

import org.custodia.platform.api.RequiresPermission;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.problem.ProblemException;

@Path("/dsars")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DsarResource {

    /** {@code receivedAt}: ISO-8601 instant when the request reached the controller (default: now). */
    public record SubmitDsar(String type, String jurisdiction, String subject, String receivedAt) {
    }

    public record DsarView(String id, String type, String jurisdiction, String subject, String receivedAt,
                           String warningAt, String dueAt, String status, String processInstanceId) {
        static DsarView of(DsarRequest r) {
            return new DsarView(r.id().toString(), r.type().name(), r.jurisdiction().name(), r.subjectId(),
                    r.receivedAt().toString(), r.warningAt().toString(), r.dueAt().toString(), r.status().name(),
                    r.processInstanceId());
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
        Instant receivedAt = null;
        if (body.receivedAt() != null) {
            try {
                receivedAt = Instant.parse(body.receivedAt());
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("receivedAt", "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z");
            }
        }
        DsarRequest r = dsars.submit(caller.actor(), body.type(), body.jurisdiction(), body.subject(), receivedAt);
        return Response.status(201).entity(DsarView.of(r)).build();
    }

    @RequiresPermission("dsar:view")
    @GET
    @Path("/{id}")
    public DsarView get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("DSAR " + id);
        }
        return DsarView.of(dsars.find(caller.caller().tenantId(), uuid));
    }
}
