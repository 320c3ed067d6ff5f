package org.custodia.dsar.api;

import org.custodia.dsar.domain.DsarDeadlinePolicy;
import org.custodia.dsar.domain.DeadlineRule;
import org.custodia.platform.api.RequiresPermission;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

import org.custodia.dsar.application.DsarContacts;
import org.custodia.dsar.application.DsarDeadlines;
import org.custodia.dsar.application.DsarService;
import org.custodia.dsar.domain.ClockHistory;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.StateChangingRead;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/dsars")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DsarResource {

    /**
     * {@code receivedAt}: ISO-8601 instant when the request reached the controller (default: now);
     * {@code identity} (required): VERIFIED (the caller attests the subject's identity) or DOCUMENTS (an approver checks them);
     * {@code email} (optional): the subject's address, stored sealed, for the acknowledgement and duplicate detection;
     * {@code agent} (optional): an authorised agent acting for the subject, who then gets the request's mail.
     */
    public record SubmitDsar(String type, String jurisdiction, String subject, String receivedAt, String identity,
                             String email, AgentForm agent) {
    }

    /** {@code authorisationEvidence}: a short description or reference of the signed authorisation the caller saw. */
    public record AgentForm(String name, String email, String authorisationEvidence) {
    }

    /** The contact data of a request, opened for a caller who asked (audited). */
    public record ContactView(String email, String name, String details, String language, AgentForm agent) {
    }

    /** {@code noticeSentAt}: ISO-8601 instant the subject was told of the extension and its reason. */
    public record Extend(String reason, String noticeSentAt) {
    }

    /** ISO-8601 dates in the tenant's zone: the day the controller asked, the day the information arrived. */
    public record Pause(String askedOn, String arrivedOn) {
    }

    public record ExtensionView(String reason, String noticeSentAt, String decidedBy, String decidedAt, String dueBefore,
                                String dueAfter) {
    }

    public record PauseView(String askedOn, String arrivedOn, String recordedBy, String recordedAt, String dueBefore,
                            String dueAfter) {
    }

    /** The timers the engine holds for the request (null: fired already, or its part of the process is over). */
    public record TimersView(String warning, String breach, String escalation) {
    }

    public record DsarView(String id, String type, String jurisdiction, String subject, String receivedAt,
                           String warningAt, String dueAt, String lastDay, String escalateAt, String acknowledgeBy,
                           String status, String identityCheck, boolean breached, String breachedAt, String escalatedAt,
                           String processInstanceId, ExtensionView extension, List<PauseView> pauses, TimersView timers,
                           String identityExpiresAt, String identityConfirmedAt, String duplicateOf, RuleView rule) {
        static DsarView of(DsarRequest r, DsarDeadlines.Clock clock) {
            ClockHistory.RecordedExtension e = clock.history().extension();
            return new DsarView(r.id().toString(), r.type().name(), r.jurisdiction().name(), r.subjectId(),
                    r.receivedAt().toString(), r.warningAt().toString(), r.dueAt().toString(), text(r.lastDay()),
                    text(r.escalateAt()), text(r.acknowledgeBy()), r.status().name(), r.identityCheck().name(),
                    r.breached(), text(r.breachedAt()), text(r.escalatedAt()), r.processInstanceId(),
                    e == null ? null : new ExtensionView(e.reason(), text(e.noticeSentAt()), e.decidedBy(), text(e.decidedAt()),
                            text(e.dueBefore()), text(e.dueAfter())),
                    clock.history().pauses().stream().map(p -> new PauseView(text(p.askedOn()), text(p.arrivedOn()),
                            p.recordedBy(), text(p.recordedAt()), text(p.dueBefore()), text(p.dueAfter()))).toList(),
                    new TimersView(text(clock.timers().warning()), text(clock.timers().breach()),
                            text(clock.timers().escalation())),
                    text(r.identityExpiresAt()), text(r.identityConfirmedAt()), text(r.duplicateOf()),
                    RuleView.of(DsarDeadlinePolicy.rule(r.jurisdiction(), r.type())));
        }
    }

    /** The legal rule the request's deadline follows, in words, with its sources (docs/deadlines.md is the same table). */
    public record RuleView(String source, String period, String lastDayOnNonWorkingDay, String extension, String stopTheClock) {
        static RuleView of(DeadlineRule r) {
            return new RuleView(r.source(), r.periodInWords(), r.endOnNonWorkingDay().shown, r.extensionInWords(),
                    r.stopTheClockInWords());
        }
    }

    @Inject
    DsarService dsars;

    @Inject
    DsarDeadlines deadlines;

    @Inject
    DsarContacts contacts;

    @Inject
    CallerContext caller;

    @RequiresPermission("dsar:create")
    @POST
    @APIResponse(responseCode = "201", description = "The request, with its deadlines",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DsarView.class)))
    public Response submit(SubmitDsar body) {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        Instant receivedAt = Inputs.instant("receivedAt", body.receivedAt(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        AgentForm a = body.agent();
        SubjectContact contact = body.email() == null && a == null ? null : new SubjectContact(body.email(), null, null, null,
                a == null ? null : new SubjectContact.Agent(a.name(), a.email(), a.authorisationEvidence()));
        DsarRequest r = dsars.submit(caller.actor(), body.type(), body.jurisdiction(), body.subject(), receivedAt,
                body.identity(), contact);
        return Response.status(201).entity(view(r)).build();
    }

    @RequiresPermission("dsar:view")
    @GET
    @Path("/{id}")
    public DsarView get(@PathParam("id") String id) {
        UUID uuid = Inputs.id(id, "DSAR");
        return view(dsars.find(caller.caller().tenantId(), uuid));
    }

    /** The subject's contact data (and agent), opened for this caller; the disclosure is audited, the data is not. */
    @RequiresPermission("dsar:view")
    @StateChangingRead
    @GET
    @Path("/{id}/contact")
    public ContactView contact(@PathParam("id") String id) {
        UUID uuid = Inputs.id(id, "DSAR");
        SubjectContact c = contacts.disclose(caller.actor(), uuid)
                .orElseThrow(() -> ProblemException.notFound("Contact data of DSAR " + uuid));
        return new ContactView(c.email(), c.name(), c.details(), c.language(), c.agent() == null ? null
                : new AgentForm(c.agent().name(), c.agent().email(), c.agent().authorisationEvidence()));
    }

    /** The request's one extension, where its law allows one; the caller decided it and told the subject. */
    @RequiresPermission("dsar:extend")
    @POST
    @Path("/{id}/extension")
    public DsarView extend(@PathParam("id") String id, Extend body) {
        UUID uuid = Inputs.id(id, "DSAR");
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        Instant noticeSentAt = Inputs.instant("noticeSentAt", body.noticeSentAt(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return view(deadlines.extend(caller.actor(), uuid, body.reason(), noticeSentAt));
    }

    /** A time the clock stood still while the controller waited for identity or clarification, where the law allows it. */
    @RequiresPermission("dsar:extend")
    @POST
    @Path("/{id}/pauses")
    public DsarView pause(@PathParam("id") String id, Pause body) {
        UUID uuid = Inputs.id(id, "DSAR");
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        LocalDate askedOn = Inputs.date("askedOn", body.askedOn(), errors);
        LocalDate arrivedOn = Inputs.date("arrivedOn", body.arrivedOn(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return view(deadlines.pause(caller.actor(), uuid, askedOn, arrivedOn));
    }

    private DsarView view(DsarRequest r) {
        return DsarView.of(r, deadlines.clockOf(caller.caller().tenantId(), r.id()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
