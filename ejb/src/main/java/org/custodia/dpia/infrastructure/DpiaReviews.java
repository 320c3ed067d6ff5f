package org.custodia.dpia.infrastructure;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.custodia.bpmn.DpiaReviewProcess;
import org.custodia.platform.context.Actor;
import org.custodia.platform.engine.ProcessEngineBootstrap;
import org.custodia.platform.engine.TenantDeployments;

/** Starts dpia-review.bpmn for an assessment, in the caller's transaction (the assessment's row and the process commit together). */
@Stateless
public class DpiaReviews {

    @Inject
    ProcessEngineBootstrap engines;

    @Inject
    TenantDeployments deployments;

    /** The review's process instance id. */
    public String start(Actor actor, UUID dpiaId) {
        deployments.ensureDeployed(actor.tenantId());
        ProcessEngine engine = engines.engine();
        IdentityService identity = engine.getIdentityService();
        identity.setAuthentication(actor.principal(), List.of(), List.of(actor.tenantId().toString()));
        try {
            return engine.getRuntimeService().createProcessInstanceByKey(DpiaReviewProcess.KEY)
                    .processDefinitionTenantId(actor.tenantId().toString())
                    .businessKey(dpiaId.toString())
                    .setVariable(DpiaReviewProcess.VAR_DPIA_ID, dpiaId.toString())
                    .execute().getId();
        } finally {
            identity.clearAuthentication();
        }
    }
}
