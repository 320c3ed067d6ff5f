package org.custodia.ropa.infrastructure;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.bpmn.RopaReviewProcess;
import org.custodia.ropa.application.ProcessingRegister;

/** ropa-review.bpmn: Return to draft. */
@Stateless
@Named(RopaReviewProcess.BEAN_RETURN_TO_DRAFT)
public class RopaReturnToDraftDelegate implements JavaDelegate {

    @Inject
    ProcessingRegister register;

    @Override
    public void execute(DelegateExecution execution) {
        register.returnToDraft(UUID.fromString(execution.getTenantId()),
                UUID.fromString((String) execution.getVariable(RopaReviewProcess.VAR_ACTIVITY_ID)), RopaReviews.decidedBy(execution),
                execution.getProcessInstanceId());
    }
}
