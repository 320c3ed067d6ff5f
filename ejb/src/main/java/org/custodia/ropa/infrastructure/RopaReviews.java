package org.custodia.ropa.infrastructure;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.custodia.bpmn.RopaReviewProcess;
import org.custodia.platform.context.Actor;
import org.custodia.platform.engine.ProcessEngineBootstrap;
import org.custodia.platform.engine.TenantDeployments;

/** Starts ropa-review.bpmn for an entry, in the caller's transaction (the entry's row and the process commit together). */
@Stateless
public class RopaReviews {

    @Inject
    ProcessEngineBootstrap engines;

    @Inject
    TenantDeployments deployments;

    /** The review's process instance id. */
    public String start(Actor actor, UUID activityId, int version) {
        deployments.ensureDeployed(actor.tenantId());
        ProcessEngine engine = engines.engine();
        IdentityService identity = engine.getIdentityService();
        identity.setAuthentication(actor.principal(), List.of(), List.of(actor.tenantId().toString()));
        try {
            return engine.getRuntimeService().createProcessInstanceByKey(RopaReviewProcess.KEY)
                    .processDefinitionTenantId(actor.tenantId().toString())
                    .businessKey(activityId.toString())
                    .setVariable(RopaReviewProcess.VAR_ACTIVITY_ID, activityId.toString())
                    .setVariable(RopaReviewProcess.VAR_VERSION, version)
                    .execute().getId();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Who completed the review task, as an audit principal ({@code user:<id>} or an API key's). */
    static String decidedBy(DelegateExecution execution) {
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            return "system:ropa-review";
        }
        String id = authentication.getUserId();
        return id.contains(":") ? id : "user:" + id;
    }
}
