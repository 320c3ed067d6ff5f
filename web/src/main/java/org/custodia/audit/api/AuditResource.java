package org.custodia.audit.api;

import org.custodia.platform.api.RequiresPermission;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.custodia.audit.application.AuditCheckpoints;
import org.custodia.audit.application.AuditExport;
import org.custodia.audit.application.AuditTrail;
import org.custodia.audit.domain.AuditCheckpoint;
import org.custodia.audit.domain.AuditExportFilter;
import org.custodia.platform.problem.FieldError;
import org.custodia.audit.domain.AuditEvent;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.CostlyEndpoint;
import org.custodia.platform.api.StateChangingRead;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.problem.ProblemException;

import com.fasterxml.jackson.annotation.JsonRawValue;

@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditEventView(long seq, String eventType, String entityType, String entityId, String actor,
                                 String requestId, @JsonRawValue String payload, String previousHash,
                                 String eventHash, String createdAt) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.seq(), e.eventType(), e.entityType(), e.entityId(), e.actor(), e.requestId(),
                    e.payload(), e.previousHash(), e.eventHash(), e.createdAt().toString());
        }
    }

    @Inject
    AuditTrail audit;

    @Inject
    AuditExport exports;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    CallerContext caller;

    @RequiresPermission("audit:verify")
    @CostlyEndpoint(exclusive = true)
    @GET
    @Path("/verify")
    public ChainVerification verify() throws SQLException {
        return audit.verify(caller.caller().tenantId());
    }

    @RequiresPermission("audit:export")
    @CostlyEndpoint(exclusive = true)
    @StateChangingRead // appends the export's audit event and a checkpoint
    @GET
    @Path("/export")
    @Produces({"text/csv", "application/x-ndjson", "application/pdf", MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("format") @DefaultValue("ndjson") String format,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("eventType") String eventType, @QueryParam("entityType") String entityType,
                           @QueryParam("entityId") String entityId, @QueryParam("actor") String actor)
            throws SQLException, GeneralSecurityException, IOException {
        AuditExport.Format f = switch (format) {
            case "csv" -> AuditExport.Format.CSV;
            case "ndjson" -> AuditExport.Format.NDJSON;
            case "pdf" -> AuditExport.Format.PDF;
            default -> throw new ProblemException(400, "validation", "Invalid request", "Unknown export format.",
                    List.of(new FieldError("format", "must be csv, ndjson or pdf")));
        };
        List<FieldError> errors = new ArrayList<>();
        AuditExportFilter filter = new AuditExportFilter(Inputs.instant("from", from, errors),
                Inputs.instant("to", to, errors), eventType, entityType, entityId, actor);
        Inputs.refuseQuery(errors);
        UUID tenantId = caller.caller().tenantId();
        AuditExport.Manifest manifest = exports.prepare(caller.actor(), filter, f);
        String file = "audit-" + manifest.exportId() + "." + format;
        Response.ResponseBuilder response;
        if (f == AuditExport.Format.PDF) {
            response = Response.ok(exports.renderPdf(tenantId, manifest), "application/pdf");
        } else {
            StreamingOutput body = out -> {
                try {
                    exports.writeLines(tenantId, manifest, out);
                } catch (SQLException e) {
                    throw new IOException("export failed after it started", e);
                }
            };
            response = Response.ok(body, f == AuditExport.Format.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson");
        }
        return response.header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Custodia-Export-Manifest", java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(manifest.toJson().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build();
    }

    @RequiresPermission("checkpoint:create")
    @POST
    @Path("/checkpoints")
    public Response takeCheckpoint() throws GeneralSecurityException {
        return Response.status(201).entity(CheckpointView.of(checkpoints.take(caller.actor()))).build();
    }

    @RequiresPermission("checkpoint:view")
    @GET
    @Path("/checkpoints")
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


    @RequiresPermission("audit:view")
    @GET
    @Path("/events")
    public List<AuditEventView> events(@QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
                                       @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(400, "validation", "Invalid request", "limit must be 1 to 1000",
                    List.of(new FieldError("limit", "must be 1 to 1000")));
        }
        return audit.events(caller.caller().tenantId(), afterSeq, limit).stream().map(AuditEventView::of).toList();
    }
}
