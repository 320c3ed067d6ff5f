package org.custodia.dsar.infrastructure;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.application.DsarDiscovery;

/**
 * dsar.bpmn: Find the tenant's connectors. The list is a transient variable: the discovery multi-instance reads it
 * at once (each instance keeps its own connector id), and a list would need Java serialization to be stored,
 * which the engine rightly refuses.
 */
@Stateless
@Named(DsarProcess.BEAN_FIND_CONNECTORS)
public class DsarFindConnectorsDelegate implements JavaDelegate {

    @Inject
    DsarDiscovery discovery;

    @Override
    public void execute(DelegateExecution execution) {
        List<String> connectorIds = discovery.plan(UUID.fromString(execution.getTenantId()),
                UUID.fromString((String) execution.getVariable(DsarProcess.VAR_DSAR_ID)));
        execution.setVariable(DsarProcess.VAR_CONNECTOR_IDS, Variables.objectValue(List.copyOf(connectorIds), true).create());
    }
}
