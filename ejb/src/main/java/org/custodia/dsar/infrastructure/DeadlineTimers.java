package org.custodia.dsar.infrastructure;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.domain.DsarSchedule;
import org.custodia.dsar.domain.ScheduledTimers;
import org.custodia.platform.engine.ProcessEngineBootstrap;

/**
 * A request's deadline timers in dsar.bpmn: the three timer jobs ({@code deadlineWarning},
 * {@code deadlineBreached}, {@code deadlineEscalation}), the variables they read, and the due date of its open
 * user tasks. The engine joins the caller's JTA transaction, so a move either happens whole or not at all.
 */
@ApplicationScoped
public class DeadlineTimers {

    @Inject
    ProcessEngineBootstrap engines;

    /**
     * Moves the instance's timers to the schedule: the variables {@code warningAt}, {@code dueAt},
     * {@code escalateAt}, the due dates of the timer jobs still pending (a fired timer stays fired), and the
     * due date of open user tasks. Nothing to move when the instance has ended.
     */
    public void move(UUID tenantId, String processInstanceId, DsarSchedule schedule) {
        if (processInstanceId == null) {
            return;
        }
        asTenant(tenantId, () -> {
            ProcessEngine engine = engines.engine();
            if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
                return null;
            }
            engine.getRuntimeService().setVariables(processInstanceId, Map.of(
                    DsarProcess.VAR_WARNING_AT, Date.from(schedule.warningAt()),
                    DsarProcess.VAR_DUE_AT, Date.from(schedule.dueAt()),
                    DsarProcess.VAR_ESCALATE_AT, Date.from(schedule.escalateAt())));
            Map<String, Instant> dueByTimer = Map.of(
                    DsarProcess.TIMER_WARNING, schedule.warningAt(),
                    DsarProcess.TIMER_BREACH, schedule.dueAt(),
                    DsarProcess.TIMER_ESCALATION, schedule.escalateAt());
            dueByTimer.forEach((timer, due) -> {
                for (Job job : timerJobs(engine, processInstanceId, timer)) {
                    engine.getManagementService().setJobDuedate(job.getId(), Date.from(due));
                }
            });
            for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).list()) {
                task.setDueDate(Date.from(schedule.dueAt()));
                engine.getTaskService().saveTask(task);
            }
            return null;
        });
    }

    /** The timers the engine has scheduled for the instance (all null once it has ended). */
    public ScheduledTimers scheduled(UUID tenantId, String processInstanceId) {
        if (processInstanceId == null) {
            return new ScheduledTimers(null, null, null);
        }
        return asTenant(tenantId, () -> {
            ProcessEngine engine = engines.engine();
            return new ScheduledTimers(due(engine, processInstanceId, DsarProcess.TIMER_WARNING),
                    due(engine, processInstanceId, DsarProcess.TIMER_BREACH),
                    due(engine, processInstanceId, DsarProcess.TIMER_ESCALATION));
        });
    }

    /** The pending jobs of one timer event (a boundary timer's job carries its event's id as activity). */
    private static List<Job> timerJobs(ProcessEngine engine, String processInstanceId, String timer) {
        return engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).timers()
                .activityId(timer).list();
    }

    /** The earliest due date of a timer's pending jobs (one per open activity it is attached to), or null. */
    private static Instant due(ProcessEngine engine, String processInstanceId, String timer) {
        return timerJobs(engine, processInstanceId, timer).stream().map(Job::getDuedate).filter(Objects::nonNull)
                .map(Date::toInstant).min(Instant::compareTo).orElse(null);
    }

    private <T> T asTenant(UUID tenantId, Supplier<T> work) {
        IdentityService identity = engines.engine().getIdentityService();
        identity.setAuthentication("deadline-timers", List.of(), List.of(tenantId.toString()));
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
