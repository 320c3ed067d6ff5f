package org.custodia.dpia.infrastructure;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.custodia.bpmn.DpiaReviewProcess;
import org.custodia.dpia.application.DpiaService;

/** dpia-review.bpmn: Record sign-off and Back in progress both record the DPO's decision just made, which says which. */
@Stateless
@Named(DpiaReviewProcess.BEAN_RECORD_DECISION)
public class DpiaDecidedDelegate implements JavaDelegate {

    @Inject
    DpiaService dpias;

    @Override
    public void execute(DelegateExecution execution) {
        dpias.decided(UUID.fromString(execution.getTenantId()), UUID.fromString((String) execution.getVariable(DpiaReviewProcess.VAR_DPIA_ID)),
                execution.getProcessInstanceId());
    }
}
