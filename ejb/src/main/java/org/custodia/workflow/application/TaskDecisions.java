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
}
