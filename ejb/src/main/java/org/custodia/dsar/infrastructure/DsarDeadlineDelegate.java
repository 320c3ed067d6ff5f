package org.custodia.dsar.infrastructure;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.application.DsarProgress;

/** dsar.bpmn: Record deadline warning / Flag deadline breach / Escalate to admins (local input {@code milestone}). */
@Stateless
@Named(DsarProcess.BEAN_DEADLINE_REACHED)
public class DsarDeadlineDelegate implements JavaDelegate {

    @Inject
    DsarProgress progress;

    @Override
    public void execute(DelegateExecution execution) {
        progress.deadlineReached(UUID.fromString(execution.getTenantId()),
                UUID.fromString((String) execution.getVariable(DsarProcess.VAR_DSAR_ID)),
                (String) execution.getVariableLocal(DsarProcess.VAR_MILESTONE), execution.getProcessInstanceId());
    }
}
