package org.custodia.ropa.infrastructure;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.bpmn.RopaReviewProcess;
import org.custodia.ropa.application.ProcessingRegister;

/** ropa-review.bpmn: Record approval. */
@Stateless
@Named(RopaReviewProcess.BEAN_APPROVE)
public class RopaApproveDelegate implements JavaDelegate {

    @Inject
    ProcessingRegister register;

    @Override
    public void execute(DelegateExecution execution) {
        register.approve(UUID.fromString(execution.getTenantId()),
                UUID.fromString((String) execution.getVariable(RopaReviewProcess.VAR_ACTIVITY_ID)),
                (Integer) execution.getVariable(RopaReviewProcess.VAR_VERSION), RopaReviews.decidedBy(execution),
                execution.getProcessInstanceId());
    }
}
