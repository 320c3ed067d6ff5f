package org.custodia.dsar.infrastructure;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.application.DsarDiscovery;

/** dsar.bpmn: Ask the connector (one search per connector); leaves whether it answered at once or calls back. */
@Stateless
@Named(DsarProcess.BEAN_DISCOVER)
public class DsarDiscoverConnectorDelegate implements JavaDelegate {

    @Inject
    DsarDiscovery discovery;

    @Override
    public void execute(DelegateExecution execution) {
        // a request begun on an older dsar.bpmn has no wait for a callback (instances keep their definition)
        boolean callbacksPossible = execution.getBpmnModelInstance().getModelElementById(DsarProcess.RECEIVE_CALLBACK) != null;
        boolean answered = discovery.discover(UUID.fromString(execution.getTenantId()),
                UUID.fromString((String) execution.getVariable(DsarProcess.VAR_DSAR_ID)),
                (String) execution.getVariable(DsarProcess.VAR_CONNECTOR_ID), execution.getProcessInstanceId(), callbacksPossible);
        execution.setVariableLocal(DsarProcess.VAR_DISCOVERY_ANSWERED, answered);
    }
}
