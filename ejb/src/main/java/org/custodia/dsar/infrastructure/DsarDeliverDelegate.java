package org.custodia.dsar.infrastructure;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.application.DsarProgress;

/** dsar.bpmn: Deliver response. */
@Stateless
@Named(DsarProcess.BEAN_DELIVER)
public class DsarDeliverDelegate implements JavaDelegate {

    @Inject
    DsarProgress progress;

    @Override
    public void execute(DelegateExecution execution) {
        progress.deliver(UUID.fromString(execution.getTenantId()),
                UUID.fromString((String) execution.getVariable(DsarProcess.VAR_DSAR_ID)),
                execution.getProcessInstanceId());
    }
}
