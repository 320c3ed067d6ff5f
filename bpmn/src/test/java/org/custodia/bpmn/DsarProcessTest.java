package org.custodia.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** dsar.bpmn, path by path: respond in time, warned then respond, deadline passes. */
@Deployment(resources = DsarProcess.RESOURCE)
class DsarProcessTest {

    /** Records the milestones the deadline service tasks report, as the real delegate would audit them. */
    static final List<String> milestones = new ArrayList<>();

    static final JavaDelegate recorder = execution -> milestones.add(
            execution.getVariable(DsarProcess.VAR_DSAR_ID) + ":" + execution.getVariableLocal(DsarProcess.VAR_MILESTONE));

    static ProcessEngine engine() {
        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setJdbcUrl("jdbc:h2:mem:dsar-process;DB_CLOSE_DELAY=-1");
        config.setJobExecutorActivate(false);
        config.setBeans(Map.of(DsarProcess.BEAN_DEADLINE_REACHED, recorder));
        return config.buildProcessEngine();
    }

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine()).build();

    ProcessEngine processEngine;

    @BeforeEach
    void reset() {
        milestones.clear();
        processEngine = extension.getProcessEngine();
    }

    private ProcessInstance receive(String dsarId) {
        Instant now = Instant.now();
        return processEngine.getRuntimeService().startProcessInstanceByKey(DsarProcess.KEY, dsarId, Map.of(
                DsarProcess.VAR_DSAR_ID, dsarId,
                DsarProcess.VAR_WARNING_AT, Date.from(now.plus(23, ChronoUnit.DAYS)),
                DsarProcess.VAR_DUE_AT, Date.from(now.plus(30, ChronoUnit.DAYS))));
    }

    private Job timer(ProcessInstance pi, String activityId) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(activityId).singleResult();
    }

    @Test
    void givenReceived_whenDpoRespondsInTime_thenEndsRespondedWithoutMilestones() {
        ProcessInstance pi = receive("d-1");
        assertThat(pi).isWaitingAt(DsarProcess.TASK_RESPOND);
        assertThat(timer(pi, DsarProcess.TIMER_WARNING).getDuedate())
                .isEqualTo(processEngine.getRuntimeService().getVariable(pi.getId(), DsarProcess.VAR_WARNING_AT));
        assertThat(timer(pi, DsarProcess.TIMER_BREACH).getDuedate())
                .isEqualTo(processEngine.getRuntimeService().getVariable(pi.getId(), DsarProcess.VAR_DUE_AT));

        complete(task(pi));

        assertThat(pi).isEnded().hasPassed(DsarProcess.END_RESPONDED);
        assertThat(milestones).isEmpty();
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void givenReceived_whenWarningTimerFires_thenWarningRecordedAndStillWaiting() {
        ProcessInstance pi = receive("d-2");

        execute(timer(pi, DsarProcess.TIMER_WARNING));

        assertThat(milestones).containsExactly("d-2:WARNING");
        assertThat(pi).isWaitingAt(DsarProcess.TASK_RESPOND).hasPassed(DsarProcess.TASK_RECORD_WARNING);
        complete(task(pi));
        assertThat(pi).isEnded().hasPassed(DsarProcess.END_RESPONDED).hasNotPassed(DsarProcess.END_OVERDUE);
    }

    @Test
    void givenReceived_whenDeadlinePasses_thenBreachRecordedAndRequestLeavesTheQueue() {
        ProcessInstance pi = receive("d-3");

        execute(timer(pi, DsarProcess.TIMER_WARNING));
        execute(timer(pi, DsarProcess.TIMER_BREACH));

        assertThat(milestones).containsExactly("d-3:WARNING", "d-3:BREACHED");
        assertThat(pi).isEnded().hasPassed(DsarProcess.END_OVERDUE).hasNotPassed(DsarProcess.END_RESPONDED);
    }

    @Test
    void everyFlowElementIsDrawnSoTheDpoCanReadTheDiagram() {
        org.camunda.bpm.model.bpmn.BpmnModelInstance model = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(
                getClass().getClassLoader().getResourceAsStream(DsarProcess.RESOURCE));
        java.util.Set<String> drawn = new java.util.HashSet<>();
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape.class)
                .forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge.class)
                .forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
        java.util.Set<String> elements = new java.util.HashSet<>();
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.FlowElement.class)
                .forEach(e -> elements.add(e.getId()));
        assertThat(drawn).isEqualTo(elements);
    }
}
