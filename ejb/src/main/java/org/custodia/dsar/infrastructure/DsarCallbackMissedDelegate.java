package org.custodia.dsar.infrastructure;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.application.DsarDiscovery;

/** dsar.bpmn: Record the missing callback; run again by a reviewer's retry or skip, it leaves which it was. */
@Stateless
@Named(DsarProcess.BEAN_CALLBACK_MISSED)
public class DsarCallbackMissedDelegate implements JavaDelegate {

    @Inject
    DsarDiscovery discovery;

    @Override
    public void execute(DelegateExecution execution) {
        boolean skipped = discovery.callbackMissed(UUID.fromString(execution.getTenantId()),
                UUID.fromString((String) execution.getVariable(DsarProcess.VAR_DSAR_ID)),
                (String) execution.getVariable(DsarProcess.VAR_CONNECTOR_ID), execution.getProcessInstanceId());
        execution.setVariableLocal(DsarProcess.VAR_DISCOVERY_SKIPPED, skipped);
    }
}
