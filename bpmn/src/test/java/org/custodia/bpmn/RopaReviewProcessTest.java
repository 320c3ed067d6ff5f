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

/** ropa-review.bpmn as the diagram reads: submitted → DPO review → approved, or back to draft. */
@Deployment(resources = RopaReviewProcess.RESOURCE)
class RopaReviewProcessTest {

    /** "bean:activityId:version", in order. */
    static final List<String> steps = new ArrayList<>();

    static ProcessEngine engine() {
        Map<Object, Object> beans = new HashMap<>();
        for (String bean : List.of(RopaReviewProcess.BEAN_APPROVE, RopaReviewProcess.BEAN_RETURN_TO_DRAFT)) {
            beans.put(bean, (JavaDelegate) execution -> steps.add(bean + ":" + execution.getVariable(RopaReviewProcess.VAR_ACTIVITY_ID)
                    + ":" + execution.getVariable(RopaReviewProcess.VAR_VERSION)));
        }
        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setJdbcUrl("jdbc:h2:mem:ropa-review-process;DB_CLOSE_DELAY=-1");
        config.setProcessEngineName("ropa-review");
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
        init(processEngine); // several test engines share this JVM: assert against this one
    }

    @Test
    void anApprovedReviewRecordsTheVersionReviewed() {
        ProcessInstance pi = submitted("a-1", 3);
        complete(task(pi), withVariables(RopaReviewProcess.VAR_DECISION, TaskDecision.APPROVE.name()));
        assertThat(pi).hasPassedInOrder("recordApproval", "approved").isEnded();
        assertThat(steps).containsExactly(RopaReviewProcess.BEAN_APPROVE + ":a-1:3");
    }

    @Test
    void aRejectedReviewReturnsTheEntryToDraft() {
        ProcessInstance pi = submitted("a-2", 1);
        complete(task(pi), withVariables(RopaReviewProcess.VAR_DECISION, TaskDecision.REJECT.name()));
        assertThat(pi).hasPassed("returnToDraft").hasNotPassed("recordApproval").isEnded();
        assertThat(steps).containsExactly(RopaReviewProcess.BEAN_RETURN_TO_DRAFT + ":a-2:1");
    }

    @Test
    void requestedChangesReturnTheEntryToDraft() {
        ProcessInstance pi = submitted("a-3", 2);
        complete(task(pi), withVariables(RopaReviewProcess.VAR_DECISION, TaskDecision.REQUEST_CHANGES.name()));
        assertThat(pi).hasPassedInOrder("returnToDraft", "returned").isEnded();
        assertThat(steps).containsExactly(RopaReviewProcess.BEAN_RETURN_TO_DRAFT + ":a-3:2");
    }

    // --- given ---

    /** Submitted: the DPO's task waits, offered to APPROVERs, and nothing has been recorded yet. */
    private ProcessInstance submitted(String activityId, int version) {
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(RopaReviewProcess.KEY, activityId,
                Map.of(RopaReviewProcess.VAR_ACTIVITY_ID, activityId, RopaReviewProcess.VAR_VERSION, version));
        assertThat(pi).isWaitingAt(RopaReviewProcess.TASK_REVIEW);
        assertThat(processEngine.getTaskService().getIdentityLinksForTask(task(pi).getId()))
                .extracting(IdentityLink::getGroupId).containsExactly("APPROVER");
        assertThat(steps).isEmpty();
        return pi;
    }
}
