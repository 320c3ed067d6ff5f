package org.custodia.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * dsar.bpmn, path by path, as the diagram reads: each test starts a request the way Custodia does (ids, dates
 * and codes as variables), runs the background steps the job executor would run, and completes the user
 * tasks the way the task API does (variable {@code decision}). The delegates here only record that they ran,
 * as the real ones audit it.
 */
@Deployment(resources = DsarProcess.RESOURCE)
class DsarProcessTest {

    /** "bean:dsarId" (or "bean:dsarId:connectorId", "dsarDeadlineReached:dsarId:MILESTONE"), in order. */
    static final List<String> steps = new ArrayList<>();
    /** The tenant's connectors, as the find-connectors delegate reports them. */
    static final List<String> connectors = new ArrayList<>();
    /** Connectors whose search fails, as a broken connector would. */
    static final Set<String> broken = new HashSet<>();
    /** HTTP connectors that answer 202 and call back later. */
    static final Set<String> callingBack = new HashSet<>();
    /** Searches a reviewer skipped, and searches a reviewer asked to run again, after their callback went missing. */
    static final Set<String> skippedByReviewer = new HashSet<>();
    static final Set<String> retriedByReviewer = new HashSet<>();

    static ProcessEngine engine() {
        Map<Object, Object> beans = new HashMap<>();
        for (String bean : List.of(DsarProcess.BEAN_AWAITING_IDENTITY, DsarProcess.BEAN_IDENTITY_NOT_CONFIRMED,
                DsarProcess.BEAN_ACKNOWLEDGE, DsarProcess.BEAN_COMPILE_PACKAGE, DsarProcess.BEAN_DELIVER,
                DsarProcess.BEAN_CLOSE, DsarProcess.BEAN_REFUSE, DsarProcess.BEAN_HAND_OVER_TO_ERASURE)) {
            beans.put(bean, (JavaDelegate) execution -> steps.add(bean + ":" + execution.getVariable(DsarProcess.VAR_DSAR_ID)));
        }
        beans.put(DsarProcess.BEAN_FIND_CONNECTORS, (JavaDelegate) execution -> execution.setVariable(
                DsarProcess.VAR_CONNECTOR_IDS, Variables.objectValue(List.copyOf(connectors), true).create()));
        beans.put(DsarProcess.BEAN_DISCOVER, (JavaDelegate) execution -> {
            String connector = (String) execution.getVariable(DsarProcess.VAR_CONNECTOR_ID);
            if (broken.contains(connector)) {
                throw new IllegalStateException("connector " + connector + " does not answer");
            }
            steps.add(DsarProcess.BEAN_DISCOVER + ":" + execution.getVariable(DsarProcess.VAR_DSAR_ID) + ":" + connector);
            execution.setVariableLocal(DsarProcess.VAR_DISCOVERY_ANSWERED, !callingBack.contains(connector));
        });
        beans.put(DsarProcess.BEAN_CALLBACK_MISSED, (JavaDelegate) execution -> {
            String connector = (String) execution.getVariable(DsarProcess.VAR_CONNECTOR_ID);
            if (!skippedByReviewer.contains(connector) && !retriedByReviewer.contains(connector)) {
                throw new IllegalStateException("connector " + connector + " did not call back within 24 hours");
            }
            execution.setVariableLocal(DsarProcess.VAR_DISCOVERY_SKIPPED, skippedByReviewer.contains(connector));
        });
        beans.put(DsarProcess.BEAN_DEADLINE_REACHED, (JavaDelegate) execution -> steps.add(DsarProcess.BEAN_DEADLINE_REACHED
                + ":" + execution.getVariable(DsarProcess.VAR_DSAR_ID) + ":" + execution.getVariableLocal(DsarProcess.VAR_MILESTONE)));

        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setJdbcUrl("jdbc:h2:mem:dsar-process;DB_CLOSE_DELAY=-1");
        config.setJobExecutorActivate(false);
        config.setBeans(beans);
        return config.buildProcessEngine();
    }

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine()).build();

    ProcessEngine processEngine;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void reset() {
        steps.clear();
        connectors.clear();
        broken.clear();
        callingBack.clear();
        skippedByReviewer.clear();
        retriedByReviewer.clear();
        processEngine = extension.getProcessEngine();
        init(processEngine); // several test engines share this JVM: assert against this one
    }

    // --- the happy path and the identity checks ---

    @Test
    void givenAttestedIdentity_whenReviewApproves_thenAcknowledgedDeliveredAndClosed() {
        ProcessInstance pi = received("d-1", DsarProcess.IDENTITY_VERIFIED, "ACCESS");

        runInBackground(pi, DsarProcess.START_CLOCK);

        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW).hasPassed(DsarProcess.TASK_ACKNOWLEDGE,
                DsarProcess.TASK_FIND_CONNECTORS, DsarProcess.TASK_COMPILE_PACKAGE)
                .hasNotPassed(DsarProcess.TASK_AWAITING_IDENTITY);
        assertThat(task(pi)).hasCandidateGroup(DsarProcess.GROUP_APPROVER).hasDueDate(dueAt());

        decide(pi, TaskDecision.APPROVE);

        assertThat(pi).isEnded().hasPassed(DsarProcess.TASK_DELIVER, DsarProcess.TASK_CLOSE, DsarProcess.END_CLOSED);
        assertThat(steps).containsExactly("dsarAcknowledge:d-1", "dsarCompilePackage:d-1", "dsarDeliver:d-1", "dsarClose:d-1");
        assertThat(jobs(pi)).isEmpty();
    }

    @Test
    void givenEmailLink_whenSubjectConfirms_thenAcknowledgedAndWaitingForReview() {
        ProcessInstance pi = received("d-2", DsarProcess.IDENTITY_EMAIL_LINK, "ACCESS");
        runInBackground(pi, DsarProcess.START_CLOCK);
        assertThat(pi).isWaitingAt(DsarProcess.RECEIVE_EMAIL_CONFIRMATION).hasPassed(DsarProcess.TASK_AWAITING_IDENTITY);
        assertThat(steps).containsExactly("dsarAwaitingIdentity:d-2");
        assertThat(timer(pi, DsarProcess.TIMER_EMAIL_LINK_EXPIRED).getDuedate()).isEqualTo(Date.from(now.plus(3, ChronoUnit.DAYS)));
        assertThat(timer(pi, DsarProcess.TIMER_BREACH)).as("the clock runs while identity is awaited").isNotNull();

        processEngine.getRuntimeService().createMessageCorrelation(DsarProcess.MESSAGE_EMAIL_CONFIRMED)
                .processInstanceBusinessKey("d-2").correlate();

        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW).hasPassed(DsarProcess.TASK_ACKNOWLEDGE);
        assertThat(timer(pi, DsarProcess.TIMER_EMAIL_LINK_EXPIRED)).isNull();
    }

    @Test
    void givenEmailLink_whenLinkExpires_thenClosedIdentityNotConfirmedAndClockStopped() {
        ProcessInstance pi = received("d-3", DsarProcess.IDENTITY_EMAIL_LINK, "ACCESS");
        runInBackground(pi, DsarProcess.START_CLOCK);

        execute(timer(pi, DsarProcess.TIMER_EMAIL_LINK_EXPIRED));

        assertThat(pi).isEnded().hasPassed(DsarProcess.TASK_RECORD_IDENTITY_NOT_CONFIRMED, DsarProcess.END_IDENTITY_NOT_CONFIRMED)
                .hasNotPassed(DsarProcess.TASK_ACKNOWLEDGE);
        assertThat(steps).containsExactly("dsarAwaitingIdentity:d-3", "dsarIdentityNotConfirmed:d-3");
        assertThat(jobs(pi)).isEmpty();
    }

    @Test
    void givenDocuments_whenApproverAsksForMoreThenApproves_thenAcknowledgedAndWaitingForReview() {
        ProcessInstance pi = received("d-4", DsarProcess.IDENTITY_DOCUMENTS, "ACCESS");
        runInBackground(pi, DsarProcess.START_CLOCK);
        assertThat(pi).isWaitingAt(DsarProcess.TASK_CHECK_DOCUMENTS);
        assertThat(task(pi)).hasCandidateGroup(DsarProcess.GROUP_APPROVER).hasDueDate(dueAt());

        decide(pi, TaskDecision.REQUEST_CHANGES);
        assertThat(pi).isWaitingAt(DsarProcess.TASK_CHECK_DOCUMENTS);
        decide(pi, TaskDecision.APPROVE);

        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW).hasPassed(DsarProcess.TASK_ACKNOWLEDGE);
        assertThat(steps).containsExactly("dsarAwaitingIdentity:d-4", "dsarAcknowledge:d-4", "dsarCompilePackage:d-4");
    }

    @Test
    void givenDocuments_whenApproverRejects_thenClosedIdentityNotConfirmed() {
        ProcessInstance pi = received("d-5", DsarProcess.IDENTITY_DOCUMENTS, "ACCESS");
        runInBackground(pi, DsarProcess.START_CLOCK);

        decide(pi, TaskDecision.REJECT);

        assertThat(pi).isEnded().hasPassed(DsarProcess.END_IDENTITY_NOT_CONFIRMED).hasNotPassed(DsarProcess.TASK_ACKNOWLEDGE);
        assertThat(steps).containsExactly("dsarAwaitingIdentity:d-5", "dsarIdentityNotConfirmed:d-5");
        assertThat(jobs(pi)).isEmpty();
    }

    // --- the DPO's review ---

    @Test
    void givenInReview_whenDpoRejects_thenRefusalNoticeSentAndRefused() {
        ProcessInstance pi = inReview("d-6", "ACCESS");

        decide(pi, TaskDecision.REJECT);

        assertThat(pi).isEnded().hasPassed(DsarProcess.TASK_SEND_REFUSAL, DsarProcess.END_REFUSED)
                .hasNotPassed(DsarProcess.TASK_DELIVER);
        assertThat(steps).endsWith("dsarRefuse:d-6");
        assertThat(jobs(pi)).as("refused requests have no deadline timers").isEmpty();
    }

    @Test
    void givenInReview_whenDpoRequestsChanges_thenPackageCompiledAgainAndApprovedOnSecondReview() {
        ProcessInstance pi = inReview("d-7", "ACCESS");

        decide(pi, TaskDecision.REQUEST_CHANGES);

        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW);
        assertThat(steps).containsExactly("dsarAcknowledge:d-7", "dsarCompilePackage:d-7", "dsarCompilePackage:d-7");
        decide(pi, TaskDecision.APPROVE);
        assertThat(pi).isEnded().hasPassed(DsarProcess.END_CLOSED);
    }

    @Test
    void givenErasureInReview_whenDpoApproves_thenHandedOverToErasureAndNothingDelivered() {
        ProcessInstance pi = inReview("d-8", "ERASURE");

        decide(pi, TaskDecision.APPROVE);

        assertThat(pi).isEnded().hasPassed(DsarProcess.TASK_HAND_OVER_TO_ERASURE, DsarProcess.END_HANDED_OVER)
                .hasNotPassed(DsarProcess.TASK_DELIVER, DsarProcess.END_CLOSED);
        assertThat(steps).endsWith("dsarHandOverToErasure:d-8").doesNotContain("dsarDeliver:d-8");
    }

    // --- discovery ---

    @Test
    void givenTenantWithoutConnectors_whenDiscoveryRuns_thenNothingIsSearchedAndTheRequestGoesToReview() {
        ProcessInstance pi = received("d-9", DsarProcess.IDENTITY_VERIFIED, "ACCESS");

        runInBackground(pi, DsarProcess.START_CLOCK);

        assertThat(discoveryJobs(pi)).isEmpty();
        assertThat(steps).noneMatch(s -> s.startsWith(DsarProcess.BEAN_DISCOVER));
        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW);
    }

    @Test
    void givenTwoConnectors_whenOneFailsEveryRetry_thenIncidentWithCause_andRetryAfterFixPassesWithoutRestart() {
        connectors.addAll(List.of("crm", "billing"));
        broken.add("crm");
        ProcessInstance pi = received("d-10", DsarProcess.IDENTITY_VERIFIED, "ACCESS");
        runInBackground(pi, DsarProcess.START_CLOCK);
        assertThat(discoveryJobs(pi)).as("one background search per connector").hasSize(2);

        execute(discoveryJob(pi, "billing"));
        Job crm = discoveryJob(pi, "crm");
        int attempts = 0;
        while (crm.getRetries() > 0 && attempts < 10) {
            Job attempt = crm;
            assertThatThrownBy(() -> processEngine.getManagementService().executeJob(attempt.getId()))
                    .hasMessageContaining("connector crm does not answer");
            attempts++;
            crm = discoveryJob(pi, "crm");
            if (crm.getRetries() > 0) {
                assertThat(crm.getDuedate()).as("the next try waits a minute (R3/PT1M)")
                        .isAfter(Date.from(Instant.now().plusSeconds(50))).isBefore(Date.from(Instant.now().plusSeconds(70)));
            }
        }

        assertThat(attempts).as("three tries in all").isEqualTo(3);
        Incident incident = processEngine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(DsarProcess.TASK_DISCOVER);
        assertThat(incident.getIncidentMessage()).contains("connector crm does not answer");
        assertThat(pi).isNotEnded().hasNotPassed(DsarProcess.TASK_COMPILE_PACKAGE);

        broken.clear(); // the connector is fixed
        processEngine.getManagementService().setJobRetries(crm.getId(), 1);
        execute(discoveryJob(pi, "crm"));

        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW);
        assertThat(steps).contains("dsarDiscoverConnector:d-10:billing", "dsarDiscoverConnector:d-10:crm");
    }

    // --- the legal clock ---

    @Test
    void givenAConnectorThatCallsBack_whenItsCallbackArrives_thenTheRequestGoesToReview() {
        connectors.addAll(List.of("crm", "billing"));
        callingBack.add("crm");
        ProcessInstance pi = received("d-20", DsarProcess.IDENTITY_VERIFIED, "ACCESS");
        runInBackground(pi, DsarProcess.START_CLOCK);
        execute(discoveryJob(pi, "billing"));
        execute(discoveryJob(pi, "crm"));

        assertThat(pi).isWaitingAt(DsarProcess.RECEIVE_CALLBACK).hasNotPassed(DsarProcess.TASK_COMPILE_PACKAGE);
        assertThat(timer(pi, DsarProcess.TIMER_CALLBACK_OVERDUE).getDuedate()).as("the callback is awaited 24 hours")
                .isAfter(Date.from(Instant.now().plus(23, ChronoUnit.HOURS))).isBefore(Date.from(Instant.now().plus(25, ChronoUnit.HOURS)));

        callBack(pi, "crm");
        assertThat(pi).as("the rest runs in the background, not in the connector's request").isWaitingAt(DsarProcess.RECEIVE_CALLBACK);
        execute(timer(pi, DsarProcess.RECEIVE_CALLBACK));

        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW).hasPassed(DsarProcess.RECEIVE_CALLBACK, DsarProcess.TASK_COMPILE_PACKAGE)
                .hasNotPassed(DsarProcess.TASK_CALLBACK_MISSED);
    }

    @Test
    void givenACallbackThatNeverComes_when24HoursPass_thenIncident_andAReviewersRetryAsksTheConnectorAgain() {
        connectors.add("crm");
        callingBack.add("crm");
        ProcessInstance pi = received("d-21", DsarProcess.IDENTITY_VERIFIED, "ACCESS");
        runInBackground(pi, DsarProcess.START_CLOCK);
        execute(discoveryJob(pi, "crm"));
        execute(timer(pi, DsarProcess.TIMER_CALLBACK_OVERDUE));

        Job missed = timer(pi, DsarProcess.TASK_CALLBACK_MISSED);
        assertThatThrownBy(() -> processEngine.getManagementService().executeJob(missed.getId()))
                .hasMessageContaining("did not call back within 24 hours");
        Incident incident = processEngine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident.getActivityId()).as("one try: the wait was long enough").isEqualTo(DsarProcess.TASK_CALLBACK_MISSED);

        retriedByReviewer.add("crm");
        callingBack.clear(); // asked again, the connector answers at once this time
        processEngine.getManagementService().setJobRetries(missed.getId(), 1);
        execute(timer(pi, DsarProcess.TASK_CALLBACK_MISSED));
        execute(discoveryJob(pi, "crm"));

        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW);
        assertThat(steps).filteredOn(s -> s.equals("dsarDiscoverConnector:d-21:crm")).as("asked twice").hasSize(2);
    }

    @Test
    void givenAMissingCallback_whenAReviewerSkipsIt_thenTheRequestGoesOnWithoutThatSystem() {
        connectors.add("crm");
        callingBack.add("crm");
        ProcessInstance pi = received("d-22", DsarProcess.IDENTITY_VERIFIED, "ACCESS");
        runInBackground(pi, DsarProcess.START_CLOCK);
        execute(discoveryJob(pi, "crm"));
        execute(timer(pi, DsarProcess.TIMER_CALLBACK_OVERDUE));
        Job missed = timer(pi, DsarProcess.TASK_CALLBACK_MISSED);
        assertThatThrownBy(() -> processEngine.getManagementService().executeJob(missed.getId()));

        skippedByReviewer.add("crm");
        processEngine.getManagementService().setJobRetries(missed.getId(), 1);
        execute(timer(pi, DsarProcess.TASK_CALLBACK_MISSED));

        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW);
        assertThat(steps).filteredOn(s -> s.equals("dsarDiscoverConnector:d-22:crm")).as("asked once only").hasSize(1);
    }

    @Test
    void givenOpenRequest_whenWarningBreachAndEscalationFire_thenEachIsRecordedAndTheRequestStaysInReview() {
        ProcessInstance pi = inReview("d-11", "ACCESS");
        assertThat(timer(pi, DsarProcess.TIMER_WARNING).getDuedate()).isEqualTo(variable(pi, DsarProcess.VAR_WARNING_AT));
        assertThat(timer(pi, DsarProcess.TIMER_BREACH).getDuedate()).isEqualTo(variable(pi, DsarProcess.VAR_DUE_AT));
        assertThat(timer(pi, DsarProcess.TIMER_ESCALATION).getDuedate()).isEqualTo(variable(pi, DsarProcess.VAR_ESCALATE_AT));

        execute(timer(pi, DsarProcess.TIMER_WARNING));
        execute(timer(pi, DsarProcess.TIMER_BREACH));
        execute(timer(pi, DsarProcess.TIMER_ESCALATION));

        assertThat(steps).endsWith("dsarDeadlineReached:d-11:WARNING", "dsarDeadlineReached:d-11:BREACHED",
                "dsarDeadlineReached:d-11:ESCALATED");
        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW).hasPassed(DsarProcess.END_WARNED,
                DsarProcess.END_BREACH_RECORDED, DsarProcess.END_ESCALATED);
        decide(pi, TaskDecision.APPROVE);
        assertThat(pi).isEnded().hasPassed(DsarProcess.END_CLOSED);
    }

    @Test
    void givenAnsweredRequest_thenNoDeadlineTimerIsLeftToFire() {
        ProcessInstance pi = inReview("d-12", "ACCESS");
        assertThat(timers(pi)).hasSize(3);

        decide(pi, TaskDecision.APPROVE);

        assertThat(timers(pi)).isEmpty();
        assertThat(steps).noneMatch(s -> s.startsWith(DsarProcess.BEAN_DEADLINE_REACHED));
    }

    // --- given ---

    private ProcessInstance received(String dsarId, String identityCheck, String type) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(DsarProcess.VAR_DSAR_ID, dsarId);
        variables.put(DsarProcess.VAR_REQUEST_TYPE, type);
        variables.put(DsarProcess.VAR_IDENTITY_CHECK, identityCheck);
        variables.put(DsarProcess.VAR_IDENTITY_EXPIRES_AT, Date.from(now.plus(3, ChronoUnit.DAYS)));
        variables.put(DsarProcess.VAR_WARNING_AT, Date.from(now.plus(23, ChronoUnit.DAYS)));
        variables.put(DsarProcess.VAR_DUE_AT, dueAt());
        variables.put(DsarProcess.VAR_ESCALATE_AT, Date.from(now.plus(32, ChronoUnit.DAYS)));
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(DsarProcess.KEY, dsarId, variables);
        // recorded with its deadline timers set (so a deadline can be moved at once); the rest runs in the background
        assertThat(pi).isWaitingAt(DsarProcess.START_CLOCK);
        assertThat(timers(pi)).hasSize(3);
        return pi;
    }

    private ProcessInstance inReview(String dsarId, String type) {
        ProcessInstance pi = received(dsarId, DsarProcess.IDENTITY_VERIFIED, type);
        runInBackground(pi, DsarProcess.START_CLOCK);
        assertThat(pi).isWaitingAt(DsarProcess.TASK_REVIEW);
        return pi;
    }

    private Date dueAt() {
        return Date.from(now.plus(30, ChronoUnit.DAYS));
    }

    // --- when ---

    private void runInBackground(ProcessInstance pi, String activityId) {
        execute(processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(activityId).singleResult());
    }

    /** As the task API completes a task: the decision's name in variable {@code decision}. */
    private void decide(ProcessInstance pi, TaskDecision decision) {
        complete(task(pi), withVariables(TaskDecision.VARIABLE, decision.name()));
    }

    // --- then ---

    private Object variable(ProcessInstance pi, String name) {
        return processEngine.getRuntimeService().getVariable(pi.getId(), name);
    }

    private List<Job> jobs(ProcessInstance pi) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).list();
    }

    private List<Job> timers(ProcessInstance pi) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().list();
    }

    private Job timer(ProcessInstance pi, String activityId) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(activityId).singleResult();
    }

    private List<Job> discoveryJobs(ProcessInstance pi) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(DsarProcess.TASK_DISCOVER).list();
    }

    private Job discoveryJob(ProcessInstance pi, String connectorId) {
        return discoveryJobs(pi).stream()
                .filter(job -> connectorId.equals(processEngine.getRuntimeService()
                        .getVariable(job.getExecutionId(), DsarProcess.VAR_CONNECTOR_ID)))
                .findFirst().orElseThrow();
    }

    /** As a connector's verified callback does: the message to the search of that connector. */
    private void callBack(ProcessInstance pi, String connectorId) {
        var waiting = processEngine.getRuntimeService().createExecutionQuery().processInstanceId(pi.getId())
                .activityId(DsarProcess.RECEIVE_CALLBACK).list().stream()
                .filter(e -> connectorId.equals(processEngine.getRuntimeService().getVariable(e.getId(), DsarProcess.VAR_CONNECTOR_ID)))
                .toList();
        assertThat(waiting).hasSize(1);
        processEngine.getRuntimeService().messageEventReceived(DsarProcess.MESSAGE_CONNECTOR_ANSWERED, waiting.get(0).getId());
    }
}
