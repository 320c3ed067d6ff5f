package org.custodia.consent.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

import org.custodia.kernel.EmailAddress;
import org.custodia.consent.application.ConsentCheckCache;
import org.custodia.consent.application.ConsentLedger;
import org.custodia.consent.application.ConsentService;
import org.custodia.consent.application.ConsentSubjects;
import org.custodia.consent.domain.ConsentCheck;
import org.custodia.consent.domain.ConsentDecision;
import org.custodia.consent.domain.ConsentEvent;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.api.StateChangingRead;
import org.custodia.platform.context.Actor;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.RateLimiter;
import org.custodia.tenancy.domain.RateLimits;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Recording decisions, the check (single and batch, with Global Privacy Control), history and lookups. */
@Path("/consents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    /**
     * {@code action}: grant or withdraw; {@code source}: api (default), web or import; {@code noticeVersion}:
     * the notice shown (default: the purpose's current one); {@code expiresAt}: a grant's end; {@code clientIp}:
     * stored only as an HMAC; {@code email}: stored sealed (for receipts); {@code sendReceipt}: mail the receipt
     * with a withdrawal link.
     */
    public record RecordConsent(String subject, String purpose, String action, String source, Integer noticeVersion,
                                String expiresAt, String clientIp, String email, Boolean sendReceipt) {
        ConsentDecision decision() {
            if ("grant".equals(action)) {
                return ConsentDecision.GRANTED;
            }
            return "withdraw".equals(action) ? ConsentDecision.WITHDRAWN : null;
        }
    }

    public record ConsentEventView(String id, String subject, String purposeId, int purposeVersion, String decision,
                                   String source, String recordedAt, Integer noticeVersion, String noticeHash, String expiresAt,
                                   String ends) {
        static ConsentEventView of(ConsentEvent e) {
            return new ConsentEventView(e.id().toString(), e.subjectId(), e.purposeId().toString(), e.purposeVersion(),
                    e.decision().name(), e.source(), e.recordedAt().toString(), e.noticeVersion(), e.noticeHash(),
                    e.expiresAt() == null ? null : e.expiresAt().toString(), e.relatedEvent());
        }
    }

    public record CheckView(String subject, String purpose, boolean allowed, String reason, String decision,
                            int purposeVersion, Integer noticeVersion, String recordedAt, String expiresAt) {
        static CheckView of(ConsentCheck c) {
            return new CheckView(c.subjectId(), c.purposeKey(), c.allowed(), c.reason().name(),
                    c.decision() == null ? null : c.decision().name(), c.purposeVersion(), c.noticeVersion(),
                    c.recordedAt() == null ? null : c.recordedAt().toString(), c.expiresAt() == null ? null : c.expiresAt().toString());
        }
    }

    @Inject
    ConsentService consents;

    @Inject
    ConsentLedger ledger;

    @Inject
    ConsentCheckCache checks;

    @Inject
    ConsentSubjects subjects;

    @Inject
    RateLimiter limiter;

    @Inject
    CallerContext caller;

    @RequiresPermission("consent:create")
    @POST
    @APIResponse(responseCode = "201", description = "The decision, recorded in the ledger",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentEventView.class)))
    public Response record(RecordConsent body) {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        Instant expiresAt = Inputs.instant("expiresAt", body.expiresAt(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ConsentEvent event = ledger.record(caller.actor(), new ConsentLedger.Recording(body.subject(), body.purpose(), body.decision(),
                body.source(), body.noticeVersion(), expiresAt, body.clientIp(), body.email(), Boolean.TRUE.equals(body.sendReceipt())));
        return Response.status(201).entity(ConsentEventView.of(event)).build();
    }

    /** Either one subject and up to 100 purposes, or up to 100 subjects and one purpose. */
    public record BatchCheck(String subject, List<String> purposes, List<String> subjects, String purpose) {
    }

    public static final int MAX_BATCH = 100;

    @POST
    @Path("/check")
    @RequiresPermission("consent:check")
    public List<CheckView> checkBatch(BatchCheck body, @HeaderParam("Sec-GPC") String gpc) throws SQLException {
        RequestBodies.required(body);
        boolean manyPurposes = body.subject() != null || body.purposes() != null;
        boolean manySubjects = body.subjects() != null || body.purpose() != null;
        if (manyPurposes == manySubjects) {
            throw ProblemException.invalid(List.of(new FieldError("subject", "give subject + purposes, or subjects + purpose")));
        }
        List<String> list = manyPurposes ? body.purposes() : body.subjects();
        String field = manyPurposes ? "purposes" : "subjects";
        if (list == null || list.isEmpty() || list.size() > MAX_BATCH) {
            throw ProblemException.invalid(field, "must hold 1 to " + MAX_BATCH + " entries");
        }
        if (list.size() > 1) { // the request itself took one check; each further entry takes one more
            RateLimiter.Decision d = limiter.consume(caller.caller().tenantId(), caller.caller().callerId(), RateLimits.Category.CHECK,
                    list.size() - 1);
            if (!d.allowed()) {
                throw ProblemException.tooManyRequests("rate-limited", "Too many requests", "This batch of " + list.size()
                        + " checks exceeds the " + d.limit() + " checks per minute left to this tenant or key.", d.retryAfterSeconds());
            }
        }
        Actor actor = caller.actor();
        List<CheckView> answers = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String subject = manyPurposes ? body.subject() : list.get(i);
            String purpose = manyPurposes ? list.get(i) : body.purpose();
            try {
                answers.add(CheckView.of(checks.check(actor, subject, purpose, gpc(gpc))));
            } catch (ProblemException e) {
                // name the entry at fault: purposes[3], subjects[7], subject or purpose
                String at = e.errors().isEmpty() || e.errors().get(0).field().equals(manyPurposes ? "purpose" : "subject")
                        ? field + "[" + i + "]" : e.errors().get(0).field();
                throw ProblemException.invalid(at, e.getMessage());
            }
        }
        return answers;
    }

    /** {@code Sec-GPC: 1} (forwarded from the subject's browser) opts out of purposes that honour GPC, and is recorded. */
    @APIResponse(responseCode = "200", description = "Whether the subject's data may be used for the purpose, and why",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckView.class)))
    @APIResponse(responseCode = "404", description = "The organisation has no purpose of that key")
    @RequiresPermission("consent:check")
    @StateChangingRead // Sec-GPC: 1 records an opt-out
    @GET
    @Path("/check")
    public CheckView check(@QueryParam("subject") String subject, @QueryParam("purpose") String purpose,
                           @HeaderParam("Sec-GPC") String gpc) throws SQLException {
        return CheckView.of(checks.check(caller.actor(), subject, purpose, gpc(gpc)));
    }

    @RequiresPermission("consent:view")
    @GET
    public List<ConsentEventView> history(@QueryParam("subject") String subject) {
        return consents.history(caller.caller().tenantId(), subject).stream().map(ConsentEventView::of).toList();
    }

    /** Subjects whose email on file is this address (for DSAR discovery); addresses are stored sealed. */
    @RequiresPermission("consent:view")
    @GET
    @Path("/subjects")
    public List<String> subjectsByEmail(@QueryParam("email") String email) {
        if (!EmailAddress.valid(email)) {
            throw new ProblemException(400, "validation", "Invalid request", "Query parameters are invalid.",
                    List.of(new FieldError("email", "must be an email address")));
        }
        return subjects.byEmail(caller.caller().tenantId(), email);
    }

    static boolean gpc(String header) {
        return header != null && header.strip().equals("1");
    }
}
