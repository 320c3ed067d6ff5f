package org.custodia.consent.api;

import org.custodia.platform.api.RequiresPermission;
import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.consent.application.ConsentService;
import org.custodia.consent.domain.ConsentCheck;
import org.custodia.consent.domain.ConsentDecision;
import org.custodia.consent.domain.ConsentEvent;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

@Path("/consents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    /** {@code action}: "grant" or "withdraw"; {@code source}: api (default), web or import. */
    public record RecordConsent(String subject, String purpose, String action, String source) {
        ConsentDecision decision() {
            if ("grant".equals(action)) {
                return ConsentDecision.GRANTED;
            }
            return "withdraw".equals(action) ? ConsentDecision.WITHDRAWN : null;
        }
    }

    public record ConsentEventView(String id, String subject, String purposeId, int purposeVersion, String decision,
                                   String source, String recordedAt) {
        static ConsentEventView of(ConsentEvent e) {
            return new ConsentEventView(e.id().toString(), e.subjectId(), e.purposeId().toString(), e.purposeVersion(),
                    e.decision().name(), e.source(), e.recordedAt().toString());
        }
    }

    public record CheckView(String subject, String purpose, boolean allowed, String reason, String decision,
                            int purposeVersion, String recordedAt) {
        static CheckView of(ConsentCheck c) {
            return new CheckView(c.subjectId(), c.purposeKey(), c.allowed(), c.reason().name(),
                    c.decision() == null ? null : c.decision().name(), c.purposeVersion(),
                    c.recordedAt() == null ? null : c.recordedAt().toString());
        }
    }

    @Inject
    ConsentService consents;

    @Inject
    org.custodia.consent.application.ConsentCheckCache checks;

    @Inject
    CallerContext caller;

    @RequiresPermission("consent:create")
    @POST
    public Response record(RecordConsent body) {
        RequestBodies.required(body);
        ConsentEvent event = consents.record(caller.actor(), body.subject(), body.purpose(), body.decision(), body.source());
        return Response.status(201).entity(ConsentEventView.of(event)).build();
    }

    /** Either one subject and up to 100 purposes, or up to 100 subjects and one purpose. */
    public record BatchCheck(String subject, List<String> purposes, List<String> subjects, String purpose) {
    }

    public static final int MAX_BATCH = 100;

    @POST
    @Path("/check")
    @RequiresPermission("consent:check")
    public List<CheckView> checkBatch(BatchCheck body) throws SQLException {
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
        java.util.UUID tenantId = caller.caller().tenantId();
        List<CheckView> answers = new java.util.ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String subject = manyPurposes ? body.subject() : list.get(i);
            String purpose = manyPurposes ? list.get(i) : body.purpose();
            try {
                answers.add(CheckView.of(checks.check(tenantId, subject, purpose)));
            } catch (ProblemException e) {
                // name the entry at fault: purposes[3], subjects[7], subject or purpose
                String at = e.errors().isEmpty() || e.errors().get(0).field().equals(manyPurposes ? "purpose" : "subject")
                        ? field + "[" + i + "]" : e.errors().get(0).field();
                throw ProblemException.invalid(at, e.getMessage());
            }
        }
        return answers;
    }

    @RequiresPermission("consent:check")
    @GET
    @Path("/check")
    public CheckView check(@QueryParam("subject") String subject, @QueryParam("purpose") String purpose)
            throws SQLException {
        return CheckView.of(checks.check(caller.caller().tenantId(), subject, purpose));
    }

    @RequiresPermission("consent:view")
    @GET
    public List<ConsentEventView> history(@QueryParam("subject") String subject) {
        return consents.history(caller.caller().tenantId(), subject).stream().map(ConsentEventView::of).toList();
    }
}
