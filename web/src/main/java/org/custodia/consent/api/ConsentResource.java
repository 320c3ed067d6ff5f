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
