package org.custodia.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** dpia-review.bpmn as the diagram reads: submitted → the DPO's opinion → signed off, or back in progress. */
@Deployment(resources = DpiaReviewProcess.RESOURCE)
class DpiaReviewProcessTest {

    /** "step:dpiaId" (the service task that called the bean), in order. */
    static final List<String> steps = new ArrayList<>();

    static ProcessEngine engine() {
        Map<Object, Object> beans = new HashMap<>();
        beans.put(DpiaReviewProcess.BEAN_RECORD_DECISION, (JavaDelegate) execution -> steps.add(execution.getCurrentActivityId() + ":"
                + execution.getVariable(DpiaReviewProcess.VAR_DPIA_ID)));
        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setJdbcUrl("jdbc:h2:mem:dpia-review-process;DB_CLOSE_DELAY=-1");
        config.setProcessEngineName("dpia-review");
        config.setJobExecutorActivate(false);
        config.setBeans(beans);
        return config.buildProcessEngine();
    }

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine()).build();

    ProcessEngine processEngine;

    @BeforeEach
    void reset() {
        steps.clear();
        processEngine = extension.getProcessEngine();
        init(processEngine);
    }

    @Test
    void anApprovingOpinionSignsTheAssessmentOff() {
        ProcessInstance pi = submitted("d-1");
        complete(task(pi), withVariables(DpiaReviewProcess.VAR_DECISION, TaskDecision.APPROVE.name()));
        assertThat(pi).hasPassedInOrder("recordApproval", "approved").isEnded();
        assertThat(steps).containsExactly("recordApproval:d-1");
    }

    @Test
    void aRejectionOrARequestForChangesPutsItBackInProgress() {
        ProcessInstance rejected = submitted("d-2");
        complete(task(rejected), withVariables(DpiaReviewProcess.VAR_DECISION, TaskDecision.REJECT.name()));
        ProcessInstance changes = submitted("d-3");
        complete(task(changes), withVariables(DpiaReviewProcess.VAR_DECISION, TaskDecision.REQUEST_CHANGES.name()));
        assertThat(rejected).hasPassed("returnToDraft").hasNotPassed("recordApproval").isEnded();
        assertThat(changes).hasPassed("returnToDraft").isEnded();
        assertThat(steps).containsExactly("returnToDraft:d-2", "returnToDraft:d-3");
    }

    private ProcessInstance submitted(String dpiaId) {
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(DpiaReviewProcess.KEY, dpiaId,
                Map.of(DpiaReviewProcess.VAR_DPIA_ID, dpiaId));
        assertThat(pi).isWaitingAt(DpiaReviewProcess.TASK_OPINION);
        assertThat(processEngine.getTaskService().getIdentityLinksForTask(task(pi).getId()))
                .extracting(IdentityLink::getGroupId).containsExactly("APPROVER");
        assertThat(steps).noneMatch(step -> step.endsWith(":" + dpiaId)); // nothing recorded before the DPO decides
        return pi;
    }
}
