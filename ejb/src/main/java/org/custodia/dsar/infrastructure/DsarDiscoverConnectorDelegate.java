package org.custodia.dsar.infrastructure;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.application.DsarDiscovery;

/** dsar.bpmn: Search one connector for the subject's data (one instance per connector). */
@Stateless
@Named(DsarProcess.BEAN_DISCOVER)
public class DsarDiscoverConnectorDelegate implements JavaDelegate {

    @Inject
    DsarDiscovery discovery;

    @Override
    public void execute(DelegateExecution execution) {
        discovery.discover(UUID.fromString(execution.getTenantId()),
                UUID.fromString((String) execution.getVariable(DsarProcess.VAR_DSAR_ID)),
                (String) execution.getVariable(DsarProcess.VAR_CONNECTOR_ID), execution.getProcessInstanceId());
    }
}
