package org.custodia.consent.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.consent.application.ConsentManageDesk;
import org.custodia.consent.application.ConsentManageLinks;
import org.custodia.platform.api.PublicThrottle;
import org.custodia.platform.api.PublicEndpoint;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequestIdFilter;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The privacy center's consent pages, for a data subject without an account: ask for a link by address, then read
 * and withdraw through it. The token travels in bodies only (the page had it from the URL's fragment). Limited per
 * client address: asking for a link ({@link PublicThrottle.Budget#CONSENT_LINK}) apart from reading and withdrawing
 * ({@link PublicThrottle.Budget#CONSENTS}).
 */
@Path("/public")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PublicConsentResource {

    public record LinkRequest(String email, String language) {
    }

    /** {@code gpc}: the page saw {@code navigator.globalPrivacyControl} (a script cannot set {@code Sec-GPC} itself). */
    public record Opened(String token, String language, Boolean gpc) {
    }

    public record Withdrawal(String token, String purpose, String language) {
    }

    /** Purposes with their state as strings (instants as ISO-8601). */
    public record PurposeView(String purpose, String name, String text, String textLanguage, Integer noticeVersion,
                              boolean honoursGpc, boolean allowed, String reason, String decidedAt, String expiresAt) {

        static PurposeView of(ConsentManageLinks.PurposeView v) {
            return new PurposeView(v.purpose(), v.name(), v.text(), v.textLanguage(), v.noticeVersion(), v.honoursGpc(),
                    v.allowed(), v.reason(), v.decidedAt() == null ? null : v.decidedAt().toString(),
                    v.expiresAt() == null ? null : v.expiresAt().toString());
        }
    }

    public record ConsentsView(String organisation, String timeZone, List<PurposeView> purposes, List<String> gpcRecorded) {
    }

    /** What asking for a link answers: what happens next, the same whoever asked. */
    public record LinkAsked(String next) {
    }

    static final String NEXT = "If the organisation holds consents for this address, a link to them is on its way there,"
            + " unless one was sent recently.";

    @Inject
    ConsentManageDesk desk;

    @Inject
    PublicThrottle throttle;

    @Context
    HttpServletRequest http;

    /** 202 alike whether the organisation or the address is known (nothing tells who has consents where). */
    @POST
    @Path("/{tenantSlug}/consents/link")
    @PublicEndpoint
    @APIResponse(responseCode = "202", description = "Taken; a link follows by mail if the address has consents there",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkAsked.class)))
    public Response askForLink(@PathParam("tenantSlug") String tenantSlug, LinkRequest body) {
        throttle.check(PublicThrottle.Budget.CONSENT_LINK, http);
        RequestBodies.required(body);
        desk.askForLink(tenantSlug, body.email(), body.language(), RequestIdFilter.currentRequestId());
        return Response.status(202).entity(new LinkAsked(NEXT)).build();
    }

    /** The consents a link opens; {@code Sec-GPC: 1} first records an opt-out of the purposes that honour it. */
    @APIResponse(responseCode = "200", description = "Each purpose decided on with the address, in the visitor's language",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentsView.class)))
    @APIResponse(responseCode = "404", description = "The link is unknown or has expired")
    @POST
    @Path("/consents/view")
    @PublicEndpoint
    public ConsentsView view(Opened body, @HeaderParam("Sec-GPC") String gpc) {
        throttle.check(PublicThrottle.Budget.CONSENTS, http);
        RequestBodies.required(body);
        ConsentManageLinks.ConsentsView v = desk.view(body.token(), language(body.language()),
                ConsentResource.gpc(gpc) || Boolean.TRUE.equals(body.gpc()),
                RequestIdFilter.currentRequestId()).orElseThrow(PublicConsentResource::unknownLink);
        return new ConsentsView(v.organisation(), v.timeZone(), v.purposes().stream().map(PurposeView::of).toList(), v.gpcRecorded());
    }

    /** One click: the purpose withdrawn for every id recorded with the address; the purpose as it is now. */
    @APIResponse(responseCode = "200", description = "The purpose as it is now, withdrawn",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurposeView.class)))
    @APIResponse(responseCode = "404", description = "The link is unknown or has expired")
    @POST
    @Path("/consents/withdraw")
    @PublicEndpoint
    public PurposeView withdraw(Withdrawal body) {
        throttle.check(PublicThrottle.Budget.CONSENTS, http);
        RequestBodies.required(body);
        return desk.withdraw(body.token(), body.purpose(), language(body.language()), RequestIdFilter.currentRequestId())
                .map(PurposeView::of).orElseThrow(PublicConsentResource::unknownLink);
    }

    private static String language(String tag) {
        return tag == null ? "en" : tag.strip().split("[-_]", 2)[0].toLowerCase(java.util.Locale.ROOT);
    }

    private static ProblemException unknownLink() {
        return new ProblemException(404, "unknown-link", "Unknown link", "This consent link is not known, or it has expired.",
                List.of(new FieldError("token", "is not a valid consent link")));
    }
}
