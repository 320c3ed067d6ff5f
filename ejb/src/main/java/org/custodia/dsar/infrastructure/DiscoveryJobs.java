package org.custodia.dsar.infrastructure;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Execution;
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

    private static final String CALLBACK = "connector-callback";

    @Inject
    ProcessEngineBootstrap engines;

    /** Makes the connector's failed job run once more, now; false when the instance holds no failed job for it. */
    public boolean runAgain(UUID tenantId, String processInstanceId, UUID connectorId) {
        if (processInstanceId == null) {
            return false;
        }
        return asTenant(tenantId, "dsar-discovery", engine -> {
            ManagementService management = engine.getManagementService();
            List<Job> failed = new java.util.ArrayList<>();
            for (String activity : List.of(DsarProcess.TASK_DISCOVER, DsarProcess.TASK_CALLBACK_MISSED)) {
                failed.addAll(management.createJobQuery().processInstanceId(processInstanceId).activityId(activity).withException().list());
            }
            for (Job job : failed) {
                Object id = engine.getRuntimeService().getVariable(job.getExecutionId(), DsarProcess.VAR_CONNECTOR_ID);
                if (connectorId.toString().equals(id)) {
                    management.setJobRetries(job.getId(), 1);
                    management.setJobDuedate(job.getId(), new Date());
                    return true;
                }
            }
            return false;
        });
    }

    /** The execution of the search of {@code connectorId} waiting for its callback, if one waits. */
    public Optional<String> waitingForCallback(UUID tenantId, String processInstanceId, UUID connectorId) {
        return asTenant(tenantId, CALLBACK, engine -> engine.getRuntimeService().createExecutionQuery().processInstanceId(processInstanceId)
                .activityId(DsarProcess.RECEIVE_CALLBACK).list().stream()
                .filter(e -> connectorId.toString().equals(engine.getRuntimeService().getVariable(e.getId(), DsarProcess.VAR_CONNECTOR_ID)))
                .map(Execution::getId).findFirst());
    }

    /**
     * Moves that search on (message connectorAnswered to its execution), in the caller's transaction; the rest of
     * the search runs in the background (asyncAfter). False when another transaction changed the execution meanwhile
     * (the 24-hour timer firing at the same moment): the caller's transaction is then rolled back.
     */
    public boolean answer(UUID tenantId, String executionId) {
        try {
            asTenant(tenantId, CALLBACK, engine -> {
                engine.getRuntimeService().messageEventReceived(DsarProcess.MESSAGE_CONNECTOR_ANSWERED, executionId);
                return null;
            });
            return true;
        } catch (OptimisticLockingException e) {
            return false;
        }
    }

    /** {@code work} with the engine's tenant check set to the tenant (as {@code user}, for the engine's own logs). */
    private <T> T asTenant(UUID tenantId, String user, java.util.function.Function<ProcessEngine, T> work) {
        ProcessEngine engine = engines.engine();
        IdentityService identity = engine.getIdentityService();
        identity.setAuthentication(user, List.of(), List.of(tenantId.toString()));
        try {
            return work.apply(engine);
        } finally {
            identity.clearAuthentication();
        }
    }
}
