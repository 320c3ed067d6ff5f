package org.custodia.dsar.infrastructure;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.custodia.bpmn.DsarProcess;
import org.custodia.platform.engine.ProcessEngineBootstrap;

/**
 * The engine's jobs of dsar.bpmn's discovery: one asynchronous job per connector, found by the connector id its
 * execution carries. Running one again sets its retries (which resolves its incident) and makes it due now, in
 * the caller's transaction, as the tenant: the request is not restarted, only that step.
 */
@ApplicationScoped
public class DiscoveryJobs {

    @Inject
    ProcessEngineBootstrap engines;

    /** Makes the connector's failed job run once more, now; false when the instance holds no failed job for it. */
    public boolean runAgain(UUID tenantId, String processInstanceId, UUID connectorId) {
        if (processInstanceId == null) {
            return false;
        }
        ProcessEngine engine = engines.engine();
        IdentityService identity = engine.getIdentityService();
        identity.setAuthentication("dsar-discovery", List.of(), List.of(tenantId.toString()));
        try {
            ManagementService management = engine.getManagementService();
            List<Job> failed = management.createJobQuery().processInstanceId(processInstanceId).activityId(DsarProcess.TASK_DISCOVER)
                    .withException().list();
            for (Job job : failed) {
                Object id = engine.getRuntimeService().getVariable(job.getExecutionId(), DsarProcess.VAR_CONNECTOR_ID);
                if (connectorId.toString().equals(id)) {
                    management.setJobRetries(job.getId(), 1);
                    management.setJobDuedate(job.getId(), new Date());
                    return true;
                }
            }
            return false;
        } finally {
            identity.clearAuthentication();
        }
    }
}
