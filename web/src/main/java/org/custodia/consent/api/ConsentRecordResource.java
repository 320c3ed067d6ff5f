package org.custodia.consent.api;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.custodia.consent.application.ConsentBulk;
import org.custodia.consent.application.ConsentExport;
import org.custodia.consent.application.ConsentReceipts;
import org.custodia.consent.application.WithdrawalLinks;
import org.custodia.consent.domain.ImportJob;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.CostlyEndpoint;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.PublicEndpoint;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequestIdFilter;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.api.StateChangingRead;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Receipts, one-click withdrawal, bulk import and export of the consent ledger. */
@Path("/consents")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentRecordResource {

    public record Jws(String jws) {
    }

    public record Token(String token) {
    }

    /** {@code receipt}: the id of the withdrawal's ledger event. */
    public record Withdrawn(boolean withdrawn, String recordedAt, String receipt) {
    }

    @Inject
    ConsentReceipts receipts;

    @Inject
    WithdrawalLinks withdrawalLinks;

    @Inject
    ConsentBulk bulk;

    @Inject
    ConsentExport export;

    @Inject
    CallerContext caller;

    /** The signed receipt of one ledger event (JWS, ES256 with the tenant's key; its certificate in x5c). */
    @GET
    @Path("/receipts/{eventId}")
    @RequiresPermission("consent:view")
    public ConsentReceipts.Signed receipt(@PathParam("eventId") String eventId) {
        return receipts.issue(caller.caller().tenantId(), Inputs.id(eventId, "consent event"));
    }

    @POST
    @Path("/receipts/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("consent:view")
    public ConsentReceipts.Verification verify(Jws body) {
        RequestBodies.required(body);
        if (body.jws() == null || body.jws().isBlank()) {
            throw ProblemException.invalid("jws", "is required");
        }
        return receipts.verify(caller.caller().tenantId(), body.jws());
    }

    /** The withdrawal link of a receipt mail: no credentials, the token is the proof; works once. */
    @POST
    @Path("/withdrawals")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    public Withdrawn withdraw(Token body) {
        RequestBodies.required(body);
        var event = withdrawalLinks.redeem(body.token(), RequestIdFilter.currentRequestId());
        return new Withdrawn(true, event.recordedAt().toString(), event.id().toString());
    }

    /**
     * Streams a CSV (header row: subject,purpose,action[,recordedAt,noticeVersion,expiresAt]) or NDJSON body into
     * the ledger; answers when done with the job's counts and first 1,000 line errors. Progress: GET /consents/imports.
     */
    @POST
    @Path("/imports")
    @Consumes({"text/csv", "application/x-ndjson"})
    @RequiresPermission("consent:import")
    @APIResponse(responseCode = "201", description = "The import, completed: its counts and first line errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJob.class)))
    public Response importRecords(InputStream body, @jakarta.ws.rs.HeaderParam("Content-Type") String contentType,
                                  @QueryParam("skipLines") @DefaultValue("0") long skipLines) throws IOException {
        if (skipLines < 0) {
            throw new ProblemException(400, "validation", "Invalid request", "Query parameters are invalid.",
                    List.of(new FieldError("skipLines", "must be 0 or more")));
        }
        ConsentBulk.Format format = contentType != null && contentType.startsWith("text/csv") ? ConsentBulk.Format.CSV : ConsentBulk.Format.NDJSON;
        ImportJob job = bulk.importStream(caller.actor(), format, body, skipLines);
        if (!"COMPLETED".equals(job.status())) {
            throw new ProblemException(500, "import-failed", "Import failed", "Import " + job.id() + ": " + job.failure(), List.of());
        }
        return Response.status(201).entity(job).build();
    }

    @GET
    @Path("/imports")
    @RequiresPermission("consent:view")
    public List<ImportJob> imports() {
        return bulk.jobs(caller.caller().tenantId());
    }

    @GET
    @Path("/imports/{id}")
    @RequiresPermission("consent:view")
    public ImportJob importJob(@PathParam("id") String id) {
        return bulk.job(caller.caller().tenantId(), Inputs.id(id, "import"));
    }

    /** The whole ledger as NDJSON, oldest first; the export is recorded in the audit chain first. */
    @GET
    @Path("/export")
    @Produces("application/x-ndjson")
    @RequiresPermission("consent:export")
    @StateChangingRead // appends the export's audit event
    @CostlyEndpoint(exclusive = true) // streams the whole ledger
    @APIResponse(responseCode = "200", description = "The ledger, one event per line (an attachment, consent-ledger.ndjson)",
            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING,
                    description = "One JSON object per line: id, subject, purpose, purposeVersion, decision, source, recordedAt;"
                            + " noticeVersion and noticeHash when the event names a notice, expiresAt, ends when it ends an event")),
            headers = @Header(name = "Custodia-Export-Id", description = "The export's id, as its audit event names it",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")))
    public Response export() {
        java.util.UUID tenantId = caller.caller().tenantId();
        java.util.UUID exportId = export.prepare(caller.actor());
        StreamingOutput out = stream -> {
            try {
                export.writeNdjson(tenantId, stream);
            } catch (SQLException e) {
                throw new IOException("export failed after it started", e);
            }
        };
        return Response.ok(out, "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"consent-ledger.ndjson\"")
                .header("Custodia-Export-Id", exportId.toString()).build();
    }
}
