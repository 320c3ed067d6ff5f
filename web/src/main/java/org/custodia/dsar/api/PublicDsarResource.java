package org.custodia.dsar.api;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.dsar.application.DsarIdentityConfirmations;
import org.custodia.dsar.application.DsarIdentityLinks;
import org.custodia.dsar.application.DsarStatusLinks;
import org.custodia.dsar.application.DsarStatusLookups;
import org.custodia.dsar.domain.EmailConfirmation;
import org.custodia.dsar.application.PublicDsarIntake;
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
 * The data subject's side of a request, without an account: the per-organisation intake form, the email
 * confirmation link and the status link. Limited per client address ({@link PublicThrottle}); answers carry nothing personal.
 */
@Path("/public")
public class PublicDsarResource {

    /** {@code jurisdiction}: optional where the organisation's calendar names a country; {@code language}: for mail. */
    public record IntakeForm(String type, String jurisdiction, String email, String name, String details, String language) {
    }

    public record Token(String token) {
    }

    /** What the intake answers: the reference to quote, and nothing about the subject or whether mail was sent. */
    public record Accepted(String reference, String next) {
    }

    public record Confirmed(boolean confirmed) {
    }

    /** What a confirmation link's holder may see: its state, the organisation, its expiry. */
    public record LinkView(String state, String organisation, String expiresAt) {
    }

    /**
     * A request as its status link shows it: the subject's own facts and the legal clock, nothing about staff. Times
     * are instants; {@code timeZone} is the organisation's, which the page names beside them.
     */
    public record StatusView(String reference, String organisation, String type, String jurisdiction, String status,
                             String receivedAt, String dueAt, String timeZone, boolean extended, boolean paused,
                             String answeredAt) {

        static StatusView of(DsarStatusLinks.SubjectView v) {
            return new StatusView(v.reference(), v.organisation(), v.type(), v.jurisdiction(), v.status(),
                    v.receivedAt().toString(), v.dueAt().toString(), v.timeZone(), v.extended(), v.paused(),
                    v.answeredAt() == null ? null : v.answeredAt().toString());
        }
    }

    // The JSON and the page (text/html) variants make one operation in the OpenAPI document: one description each
    // status for both; the pages' refusals are pages, so they are declared here (the platform's are problem documents).
    static final String LOOKED = "The link's state, the organisation, its expiry; a browser gets a page with a button"
            + " that confirms";
    static final String CONFIRMED = "Confirmed: the request goes ahead (a browser's form gets a page saying so)";
    static final String EXPIRED = "The confirmation link has expired";

    static final String NEXT = "If the organisation handles requests here, a confirmation link is on its way to the address"
            + " given; the request goes ahead once it is opened and confirmed.";

    @Inject
    PublicDsarIntake intake;

    @Inject
    DsarIdentityConfirmations confirmations;

    @Inject
    DsarStatusLookups statuses;

    @Inject
    PublicThrottle throttle;

    @Context
    HttpServletRequest http;

    @POST
    @Path("/{tenantSlug}/dsars")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @APIResponse(responseCode = "202", description = "Taken: the reference to quote; the request waits for its confirmation link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    public Response submit(@PathParam("tenantSlug") String tenantSlug, IntakeForm body) {
        throttled(PublicThrottle.Budget.INTAKE);
        RequestBodies.required(body);
        UUID reference = intake.submit(tenantSlug, new PublicDsarIntake.Form(body.type(), body.jurisdiction(), body.email(),
                body.name(), body.details(), body.language()), RequestIdFilter.currentRequestId());
        return Response.status(202).entity(new Accepted(reference.toString(), NEXT)).build();
    }

    /** Looks at a link without using it: mail scanners and previews open links, so only the POST confirms. */
    @GET
    @Path("/dsars/confirm")
    @Produces(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @APIResponse(responseCode = "200", description = LOOKED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkView.class)))
    public LinkView look(@QueryParam("token") String token) {
        throttled(PublicThrottle.Budget.CONFIRMATION);
        DsarIdentityLinks.Preview p = confirmations.look(token).orElseThrow(PublicDsarResource::unknownLink);
        return new LinkView(p.state().name(), p.organisation(), p.expiresAt().toString());
    }

    /** The page the mailed link opens in a browser: one button that posts the token (no script). */
    @GET
    @Path("/dsars/confirm")
    @Produces(MediaType.TEXT_HTML)
    @PublicEndpoint
    @APIResponse(responseCode = "200", description = LOOKED,
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "The link is not known: a page saying so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response page(@QueryParam("token") String token) {
        throttled(PublicThrottle.Budget.CONFIRMATION);
        DsarIdentityLinks.Preview p = confirmations.look(token).orElse(null);
        if (p == null) {
            return ConfirmationPage.response(404, ConfirmationPage.unknown());
        }
        return ConfirmationPage.response(200, ConfirmationPage.of(p, token));
    }

    @POST
    @Path("/dsars/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @APIResponse(responseCode = "200", description = CONFIRMED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Confirmed.class)))
    @APIResponse(responseCode = "410", description = EXPIRED)
    public Confirmed confirm(Token body) {
        throttled(PublicThrottle.Budget.CONFIRMATION);
        RequestBodies.required(body);
        EmailConfirmation.State state = confirmations.confirm(body.token(), RequestIdFilter.currentRequestId())
                .orElseThrow(PublicDsarResource::unknownLink);
        if (state != EmailConfirmation.State.VALID) {
            throw refusal(state);
        }
        return new Confirmed(true);
    }

    /** The page's button: the same redemption, answered as a page. */
    @POST
    @Path("/dsars/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PublicEndpoint
    @APIResponse(responseCode = "200", description = CONFIRMED,
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "The link is not known: a page saying so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The link has been used, or the request is not waiting for a confirmation",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "410", description = EXPIRED,
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response confirmFromPage(@FormParam("token") String token) {
        throttled(PublicThrottle.Budget.CONFIRMATION);
        EmailConfirmation.State state = confirmations.confirm(token, RequestIdFilter.currentRequestId()).orElse(null);
        if (state == null) {
            return ConfirmationPage.response(404, ConfirmationPage.unknown());
        }
        return ConfirmationPage.response(state == EmailConfirmation.State.VALID ? 200 : refusal(state).status(),
                ConfirmationPage.outcome(state));
    }

    /**
     * The status page's read: the token comes in the body (the page had it from the URL's fragment), so it is never
     * in a request line. Unknown, malformed and expired links get the same 404.
     */
    @APIResponse(responseCode = "200", description = "The request's state, law and dates",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusView.class)))
    @APIResponse(responseCode = "404", description = "The link is unknown or has expired")
    @POST
    @Path("/dsars/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    public StatusView status(Token body) {
        throttled(PublicThrottle.Budget.STATUS);
        RequestBodies.required(body);
        return statuses.view(body.token()).map(StatusView::of).orElseThrow(() -> new ProblemException(404, "unknown-link",
                "Unknown link", "This status link is not known, or it has expired.", List.of(new FieldError("token", "is not a valid status link"))));
    }

    private void throttled(PublicThrottle.Budget budget) {
        throttle.check(budget, http);
    }

    private static ProblemException unknownLink() {
        return ProblemException.invalid("token", "is not a valid confirmation link");
    }

    static ProblemException refusal(EmailConfirmation.State state) {
        return switch (state) {
            case USED -> ProblemException.conflict("token", "this confirmation link has been used already");
            case EXPIRED -> new ProblemException(410, "link-expired", "Link expired", "This confirmation link has expired.",
                    List.of(new FieldError("token", "has expired")));
            case NOT_WAITING -> ProblemException.conflict("token", "the request is not waiting for a confirmation");
            case VALID -> throw new IllegalArgumentException("not a refusal");
        };
    }
}
