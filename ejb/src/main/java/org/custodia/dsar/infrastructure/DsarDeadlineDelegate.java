package org.custodia.dsar.infrastructure;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.application.DsarService;

/**
 * Runs on the job executor when a deadline timer of dsar.bpmn fires, inside the job's JTA transaction,
 * and hands the milestone to the service for the process instance's tenant. Throwing rolls the job back
 * and the engine retries, then raises an incident.
 */
@Stateless
@Named(DsarProcess.BEAN_DEADLINE_REACHED)
public class DsarDeadlineDelegate implements JavaDelegate {

    @Inject
    DsarService dsars;

    @Override
    public void execute(DelegateExecution execution) {
        dsars.recordMilestone(UUID.fromString(execution.getTenantId()),
                UUID.fromString((String) execution.getVariable(DsarProcess.VAR_DSAR_ID)),
                (String) execution.getVariableLocal(DsarProcess.VAR_MILESTONE), execution.getProcessInstanceId());
    }
}
