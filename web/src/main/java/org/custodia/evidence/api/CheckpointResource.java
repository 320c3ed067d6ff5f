package org.custodia.evidence.api;

import java.security.GeneralSecurityException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.evidence.application.AuditCheckpoints;
import org.custodia.evidence.domain.AuditCheckpoint;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/** Signed checkpoints of the tenant's audit chain: take one now, list the latest. */
@Path("/audit/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointResource {

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    CallerContext caller;

    @RequiresPermission("checkpoint:create")
    @POST
    @APIResponse(responseCode = "201", description = "The checkpoint, signed with the tenant's key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckpointView.class)))
    public Response takeCheckpoint() throws GeneralSecurityException {
        return Response.status(201).entity(CheckpointView.of(checkpoints.take(caller.actor()))).build();
    }

    @RequiresPermission("checkpoint:view")
    @GET
    public List<CheckpointView> checkpoints(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(400, "validation", "Invalid request", "limit must be 1 to 1000",
                    List.of(new FieldError("limit", "must be 1 to 1000")));
        }
        return checkpoints.list(caller.caller().tenantId(), limit).stream().map(CheckpointView::of).toList();
    }

    public record CheckpointView(String id, long headSeq, String headHash, String takenAt, String signingKeyId,
                                 String signature) {
        static CheckpointView of(AuditCheckpoint c) {
            return new CheckpointView(c.id().toString(), c.headSeq(), c.headHash(),
                    org.custodia.audit.domain.AuditEventHasher.timestamp(c.takenAt()), c.signingKeyId().toString(),
                    java.util.Base64.getEncoder().encodeToString(c.signature()));
        }
    }
}
