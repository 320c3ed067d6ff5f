package org.custodia.dsar.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.dsar.application.DsarDownloadLinks;
import org.custodia.dsar.application.DsarDownloads;
import org.custodia.dsar.domain.DownloadLink;
import org.custodia.platform.api.PublicEndpoint;
import org.custodia.platform.api.PublicThrottle;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequestIdFilter;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The subject's download of their answer through the mailed link, without an account. GET only looks (mail scanners
 * open links); POST redeems the link once and returns the archive. Expired and unknown links get the same answer.
 */
@Path("/public/dsars/download")
public class PublicDsarDownloadResource {

    /** What a download link's holder may see: its state, the organisation, its expiry. */
    public record LinkView(String state, String organisation, String expiresAt) {
    }

    // The JSON and the page (text/html) variants make one operation in the OpenAPI document: one description each
    // status for both; the pages' refusals are pages, so they are declared here (the platform's are problem documents).
    static final String GONE = "The link has expired, is not known, or has been used";
    static final String LOOKED = "The link's state (VALID or USED), who answers, until when it works; a browser gets a page"
            + " with a button that downloads";
    static final String UNKNOWN = "The link has expired or is not known";
    static final String BUSY = DsarPackageResource.BUSY + "; the link stays valid";
    static final String ARCHIVE = "The archive, response.zip (response.json, summary.pdf, manifest.json); the link is used up";

    @Inject
    DsarDownloads downloads;

    @Inject
    PublicThrottle throttle;

    @Inject
    HeldPackageRead read;

    @Context
    HttpServletRequest http;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @APIResponse(responseCode = "200", description = LOOKED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkView.class)))
    @APIResponse(responseCode = "410", description = UNKNOWN)
    public LinkView look(@QueryParam("token") String token) {
        throttle.check(PublicThrottle.Budget.DOWNLOAD, http);
        DsarDownloadLinks.Preview p = downloads.look(token).orElseThrow(PublicDsarDownloadResource::gone);
        if (p.state() == DownloadLink.State.EXPIRED) {
            throw gone(); // like an unknown link
        }
        return new LinkView(p.state().name(), p.organisation(), p.expiresAt().toString());
    }

    /** The page the mailed link opens in a browser: one button that posts the token (no script). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @PublicEndpoint
    @APIResponse(responseCode = "200", description = LOOKED,
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "410", description = UNKNOWN,
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response page(@QueryParam("token") String token) {
        throttle.check(PublicThrottle.Budget.DOWNLOAD, http);
        DsarDownloadLinks.Preview p = downloads.look(token).orElse(null);
        if (p == null || p.state() == DownloadLink.State.EXPIRED) {
            return ConfirmationPage.response(410, DownloadPage.unknown());
        }
        return ConfirmationPage.response(200, DownloadPage.of(p, token));
    }

    /** The page's button: the same redemption; the archive, or a page saying why not. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({"application/zip", MediaType.TEXT_HTML})
    @PublicEndpoint
    @APIResponse(responseCode = "200", description = ARCHIVE,
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "410", description = GONE,
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = BUSY,
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response redeemFromPage(@FormParam("token") String token) {
        throttle.check(PublicThrottle.Budget.DOWNLOAD, http);
        DsarDownloadLinks.Preview p = downloads.look(token).orElse(null);
        if (p == null || p.state() != DownloadLink.State.VALID) { // answered without a read permit
            return ConfirmationPage.response(410, p == null ? DownloadPage.unknown() : DownloadPage.refused(p.state()));
        }
        try {
            read.take(); // before the link is used up: a busy server leaves it valid
        } catch (ProblemException busy) {
            return Response.fromResponse(ConfirmationPage.response(busy.status(), DownloadPage.busy()))
                    .header("Retry-After", busy.retryAfterSeconds()).build();
        }
        DsarDownloadLinks.Redemption r = downloads.redeem(token, RequestIdFilter.currentRequestId()).orElse(null);
        if (r == null) {
            return ConfirmationPage.response(410, DownloadPage.unknown());
        }
        return r.state() == DownloadLink.State.VALID ? DsarPackageResource.attachment(r.archive(), "application/zip", "response.zip")
                : ConfirmationPage.response(410, DownloadPage.refused(r.state()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @PublicEndpoint
    @APIResponse(responseCode = "200", description = ARCHIVE,
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "410", description = GONE)
    @APIResponse(responseCode = "503", description = BUSY)
    public Response redeem(PublicDsarResource.Token body) {
        throttle.check(PublicThrottle.Budget.DOWNLOAD, http);
        RequestBodies.required(body);
        if (downloads.look(body.token()).filter(p -> p.state() == DownloadLink.State.VALID).isPresent()) {
            read.take(); // before the link is used up: a busy server leaves it valid; refusals need no permit
        }
        DsarDownloadLinks.Redemption r = downloads.redeem(body.token(), RequestIdFilter.currentRequestId())
                .orElseThrow(PublicDsarDownloadResource::gone);
        return switch (r.state()) {
            case VALID -> DsarPackageResource.attachment(r.archive(), "application/zip", "response.zip");
            case USED -> throw new ProblemException(410, "link-used", "Link used", "This download link has been used already;"
                    + " ask the organisation for a new one.", List.of(new FieldError("token", "has been used")));
            case EXPIRED -> throw gone();
        };
    }

    /** Expired and unknown (or malformed) links are answered alike. */
    private static ProblemException gone() {
        return new ProblemException(410, "link-expired", "Link expired or unknown",
                "This download link has expired or is not known; ask the organisation for a new one.",
                List.of(new FieldError("token", "has expired or is not known")));
    }
}
