package org.custodia.evidence.api;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.evidence.application.AuditExport;
import org.custodia.evidence.domain.AuditExportFilter;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.CostlyEndpoint;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.api.StateChangingRead;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/** Export of the audit log (CSV, NDJSON or a signed PDF) up to a fresh signed checkpoint. */
@Path("/audit/export")
@Produces(MediaType.APPLICATION_JSON)
public class AuditExportResource {

    @Inject
    AuditExport exports;

    @Inject
    CallerContext caller;

    @RequiresPermission("audit:export")
    @CostlyEndpoint(exclusive = true)
    @StateChangingRead // appends the export's audit event and a checkpoint
    @GET
    @Produces({"text/csv", "application/x-ndjson", "application/pdf", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The export as a download, in the format asked for (ndjson unless told)",
            content = {
                    @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING,
                            description = "The manifest's line, then one audit event per line")),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                            description = "A header row, then one audit event per row")),
                    @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary",
                            description = "A signed PDF/A: the events, the chain's verification, the checkpoint"))},
            headers = {
                    @Header(name = "Content-Disposition", description = "attachment; filename=\"audit-<exportId>.<format>\"",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Custodia-Export-Manifest", description = "The export's manifest (filter, chain head,"
                            + " checkpoint) as base64url JSON without padding", schema = @Schema(type = SchemaType.STRING))})
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
}
