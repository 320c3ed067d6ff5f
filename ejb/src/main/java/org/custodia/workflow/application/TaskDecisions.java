package org.custodia.workflow.application;

import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.bpmn.TaskDecision;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.workflow.infrastructure.TaskDecisionRepository;

/** What was decided on a process's tasks, for the process's own steps (e.g. the refusal notice needs the REJECT reason). */
@Stateless
@TenantScoped
public class TaskDecisions {

    @Inject
    TaskDecisionRepository decisions;

    /** The reason of the latest decision of this kind on the tasks of the process instance with this business key. */
    public Optional<String> latestReason(@TenantId UUID tenantId, String processKey, String businessKey, TaskDecision decision) {
        return decisions.latestReason(processKey, businessKey, decision);
    }

    /** A decision as the process's own steps read it back. */
    public record Decided(TaskDecision decision, String reason, String comment, String decidedBy, java.time.Instant decidedAt) {
    }

    /** The latest decision on the tasks of the process instance with this business key (the one just made, in its delegate). */
    public Optional<Decided> latest(@TenantId UUID tenantId, String processKey, String businessKey) {
        return decisions.latest(processKey, businessKey).map(r -> new Decided(TaskDecision.valueOf((String) r[0]), (String) r[1],
                (String) r[2], (String) r[3], org.custodia.platform.persistence.NativeValues.instant(r[4])));
    }
}
