package org.custodia.audit.api;

import org.custodia.platform.api.RequiresPermission;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.problem.FieldError;
import org.custodia.audit.domain.AuditEvent;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.CostlyEndpoint;
import org.custodia.platform.problem.ProblemException;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** The audit chain itself: its events and their verification (exports and checkpoints belong to the evidence context). */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditEventView(long seq, String eventType, String entityType, String entityId, String actor,
                                 String requestId,
                                 @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The event's details, as recorded")
                                 String payload, String previousHash,
                                 String eventHash, String createdAt) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.seq(), e.eventType(), e.entityType(), e.entityId(), e.actor(), e.requestId(),
                    e.payload(), e.previousHash(), e.eventHash(), e.createdAt().toString());
        }
    }

    @Inject
    AuditTrail audit;

    @Inject
    CallerContext caller;

    @RequiresPermission("audit:verify")
    @CostlyEndpoint(exclusive = true)
    @GET
    @Path("/verify")
    public ChainVerification verify() throws SQLException {
        return audit.verify(caller.caller().tenantId());
    }

    @RequiresPermission("audit:view")
    @GET
    @Path("/events")
    public List<AuditEventView> events(@QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
                                       @QueryParam("limit") @DefaultValue("100") int limit,
                                       @QueryParam("latest") @DefaultValue("false") boolean latest,
                                       @QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
                                       @QueryParam("withTasks") @DefaultValue("false") boolean withTasks) {
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(400, "validation", "Invalid request", "limit must be 1 to 1000",
                    List.of(new FieldError("limit", "must be 1 to 1000")));
        }
        UUID tenantId = caller.caller().tenantId();
        if ((entityType == null) != (entityId == null)) {
            throw ProblemException.invalid(List.of(new FieldError(entityType == null ? "entityType" : "entityId",
                    "entityType and entityId go together")));
        }
        if (withTasks && entityId == null) {
            throw ProblemException.invalid("withTasks", "goes with entityType and entityId");
        }
        List<AuditEvent> events = entityId != null
                ? withTasks ? audit.entityEventsWithTasks(tenantId, entityType, entityId, limit) : audit.entityEvents(tenantId, entityType, entityId, limit)
                : latest ? audit.latestEvents(tenantId, limit) : audit.events(tenantId, afterSeq, limit);
        return events.stream().map(AuditEventView::of).toList();
    }
}
