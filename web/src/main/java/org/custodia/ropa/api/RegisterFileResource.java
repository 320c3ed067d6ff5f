package org.custodia.ropa.api;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.CostlyEndpoint;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.api.StateChangingRead;
import org.custodia.platform.problem.FieldError;
import org.custodia.ropa.application.RegisterExport;
import org.custodia.ropa.application.RegisterImport;
import org.custodia.ropa.domain.RegisterFormat;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The whole record of processing as a spreadsheet: exported as CSV or XLSX (one row per entry, the columns of
 * {@code RegisterColumn}), and imported from the same (all or nothing). The signed PDF: {@code GET /reports/processing-register}.
 */
@Path("/ropa/register")
public class RegisterFileResource {

    @Inject
    RegisterExport export;

    @Inject
    RegisterImport imports;

    @Inject
    CallerContext caller;

    /** {@code format}: {@code csv} or {@code xlsx}. */
    @RequiresPermission("ropa:export")
    @CostlyEndpoint
    @StateChangingRead // the export is audited
    @GET
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The register, one row per entry",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
                    @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary"))})
    public Response export(@QueryParam("format") String format) {
        RegisterFormat f = format(format, "format");
        byte[] file = export.file(caller.actor(), f);
        return Response.ok(file, f.mediaType())
                .header("Content-Disposition", "attachment; filename=\"processing-register-" + LocalDate.now() + "." + f.extension() + "\"")
                .build();
    }

    /**
     * The register from CSV (UTF-8, header row of the export's columns) or XLSX (its first sheet), at most 10,000 entries
     * and 20 MiB: each row creates the entry with its reference or changes it; any problem refuses the whole file (422,
     * each problem with its {@code line} and column), nothing written.
     */
    @RequiresPermission("ropa:import")
    @CostlyEndpoint(exclusive = true) // each holds a whole file: one at a time per tenant on a node
    @POST
    @Path("/imports")
    @Consumes({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "What the import did",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegisterImport.Outcome.class)))
    public Response importFile(InputStream body, @HeaderParam("Content-Type") String contentType) {
        RegisterFormat f = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv") ? RegisterFormat.CSV
                : RegisterFormat.XLSX;
        return Response.ok(imports.run(caller.actor(), f, body)).type(MediaType.APPLICATION_JSON).build();
    }

    static RegisterFormat format(String format, String field) {
        if (format != null) {
            for (RegisterFormat f : RegisterFormat.values()) {
                if (f.extension().equalsIgnoreCase(format)) {
                    return f;
                }
            }
        }
        Inputs.refuseQuery(java.util.List.of(new FieldError(field, "must be csv or xlsx")));
        return null;
    }
}
