package org.custodia.dsar.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.dsar.application.DsarDownloadLinks;
import org.custodia.dsar.application.DsarResponsePackages;
import org.custodia.dsar.domain.ResponsePackage;
import org.custodia.dsar.infrastructure.ResponsePackageRepository.File;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.api.StateChangingRead;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A request's response package for its reviewers: the metadata, and the two files to read before deciding (or the
 * subject's archive, to deliver by hand when the request has no address). Opening a file is audited.
 */
@Path("/dsars/{id}/package")
public class DsarPackageResource {

    public record PackageView(String dsarId, String jsonSha256, int jsonSize, String pdfSha256, int pdfSize, int connectors,
                              int rows, boolean carriesData, int compilations, String compiledAt, String purgedAt) {
        static PackageView of(ResponsePackage p) {
            return new PackageView(p.dsarId().toString(), p.jsonSha256(), p.jsonSize(), p.pdfSha256(), p.pdfSize(), p.connectors(),
                    p.rowCount(), p.carriesData(), p.compilations(), p.compiledAt().toString(),
                    p.purgedAt() == null ? null : p.purgedAt().toString());
        }
    }

    /**
     * What {@code response.json} holds: documentation only, the file goes out as it was sealed ({@code data} is there
     * only when {@code carriesData}: access and portability).
     */
    public record ResponseDocument(String format, String organisation, AnsweredRequest request, String compiledAt,
                                   boolean carriesData, List<SearchedSystem> searched, List<SkippedSystem> skipped,
                                   @Schema(description = "System → category → the rows found")
                                   Map<String, Map<String, List<Map<String, Object>>>> data) {
    }

    public record AnsweredRequest(String reference, String type, String jurisdiction, String receivedAt, String dueAt) {
    }

    public record SearchedSystem(String connector, String status, Map<String, Integer> rowsPerCategory) {
    }

    public record SkippedSystem(String connector, String reason) {
    }

    static final String BUSY = "Busy: the server is opening as many response packages as it allows at once; try again after"
            + " Retry-After seconds";

    @Inject
    DsarResponsePackages packages;

    @Inject
    DsarDownloadLinks downloadLinks;

    @Inject
    CallerContext caller;

    @Inject
    HeldPackageRead read;

    @RequiresPermission("dsar:approve")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PackageView metadata(@PathParam("id") String id) {
        return PackageView.of(packages.metadata(caller.caller().tenantId(), Inputs.id(id, "DSAR")));
    }

    @RequiresPermission("dsar:approve")
    @StateChangingRead // audits the disclosure
    @GET
    @Path("/summary.pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The signed PDF/A summary (an attachment)",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "503", description = BUSY)
    public Response summary(@PathParam("id") String id) {
        UUID dsarId = Inputs.id(id, "DSAR");
        read.take();
        return attachment(packages.file(caller.actor(), dsarId, File.PDF), "application/pdf", "summary-" + dsarId + ".pdf");
    }

    @RequiresPermission("dsar:approve")
    @StateChangingRead // audits the disclosure
    @GET
    @Path("/response.json")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The machine-readable answer (an attachment)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponseDocument.class)))
    @APIResponse(responseCode = "503", description = BUSY)
    public Response json(@PathParam("id") String id) {
        UUID dsarId = Inputs.id(id, "DSAR");
        read.take();
        return attachment(packages.file(caller.actor(), dsarId, File.JSON), MediaType.APPLICATION_JSON, "response-" + dsarId + ".json");
    }

    /** The archive the subject's link hands out (response.json, summary.pdf, manifest.json), for a delivery by hand. */
    @RequiresPermission("dsar:approve")
    @StateChangingRead // audits the download
    @GET
    @Path("/archive.zip")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The archive (an attachment)",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "503", description = BUSY)
    public Response archive(@PathParam("id") String id) {
        UUID dsarId = Inputs.id(id, "DSAR");
        read.take();
        return attachment(packages.archiveForStaff(caller.actor(), dsarId), "application/zip", "response-" + dsarId + ".zip");
    }

    public record LinkSent(String expiresAt) {
    }

    /**
     * A new download link mailed to the subject (the first was used by an interrupted download, or expired); the
     * request's unused links end. 409 before delivery, or when the answer goes by hand.
     */
    @RequiresPermission("dsar:approve")
    @POST
    @Path("/link")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "A new link is on its way to the subject; until when it works",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkSent.class)))
    public Response reissueLink(@PathParam("id") String id) {
        Instant expiresAt = downloadLinks.reissue(caller.actor(), Inputs.id(id, "DSAR"));
        return Response.status(Response.Status.ACCEPTED).entity(new LinkSent(expiresAt.toString())).build();
    }

    static Response attachment(byte[] content, String type, String file) {
        return Response.ok(content, type).header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
