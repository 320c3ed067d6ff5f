package org.custodia.workflow.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.custodia.bpmn.TaskDecision;
import org.custodia.platform.engine.ProcessEngineBootstrap;
import org.custodia.platform.problem.ProblemException;
import org.custodia.workflow.domain.TaskAccess;
import org.custodia.workflow.domain.TaskFilter;
import org.custodia.workflow.domain.Worker;
import org.custodia.workflow.domain.WorkTask;

/**
 * User tasks in the engine, always for one tenant: every query names the tenant ({@code tenantIdIn}) and runs
 * authenticated as the worker in that tenant, so the engine's tenant check refuses another tenant's task too.
 * Joins the caller's transaction (the engine's transactions are externally managed).
 */
@ApplicationScoped
public class EngineTasks {

    @Inject
    ProcessEngineBootstrap engines;

    /** The task if it is an open task of the tenant. */
    public Optional<WorkTask> find(UUID tenantId, Worker worker, String taskId) {
        return as(tenantId, worker, () -> {
            Task task = engine().getTaskService().createTaskQuery().tenantIdIn(tenantId.toString()).taskId(taskId).singleResult();
            return task == null ? Optional.<WorkTask>empty() : Optional.of(views(List.of(task)).get(0));
        });
    }

    /** The tasks of {@code processKeys} the worker may see that match the filter, by due date (none last). */
    public List<WorkTask> list(UUID tenantId, Worker worker, TaskFilter filter, Collection<String> processKeys) {
        if (processKeys.isEmpty()) {
            return List.of();
        }
        return as(tenantId, worker, () -> {
            TaskQuery q = engine().getTaskService().createTaskQuery().tenantIdIn(tenantId.toString())
                    .processDefinitionKeyIn(processKeys.toArray(String[]::new));
            if (filter.assignee() != null && filter.assignee().equals(worker.id())) {
                q.taskAssignee(worker.id());
            } else if (filter.assignee() != null && worker.holds(TaskAccess.REASSIGN)) {
                q.taskAssignee(filter.assignee()); // a reassigner finds what someone holds, candidate or not
            } else if (filter.assignee() != null) {
                q.taskCandidateGroup(worker.role()).includeAssignedTasks().taskAssignee(filter.assignee());
            } else {
                switch (filter.status()) {
                    case MINE -> q.taskAssignee(worker.id());
                    case UNASSIGNED -> q.taskCandidateGroup(worker.role()); // unclaimed ones only
                    case ASSIGNED -> q.taskCandidateGroup(worker.role()).includeAssignedTasks().taskAssigned();
                    case OPEN -> q.or().taskAssignee(worker.id()).taskCandidateGroup(worker.role()).endOr();
                }
            }
            if (filter.dueBefore() != null) {
                q.dueBefore(Date.from(filter.dueBefore()));
            }
            if (filter.businessKey() != null) {
                q.processInstanceBusinessKey(filter.businessKey());
            }
            // PostgreSQL sorts nulls last in ascending order: tasks without a due date come at the end
            List<Task> page = q.orderByDueDate().asc().orderByTaskCreateTime().asc().orderByTaskId().asc()
                    .listPage(filter.offset(), filter.limit());
            return views(page);
        });
    }

    public void claim(UUID tenantId, Worker worker, String taskId) {
        act(tenantId, worker, taskId, () -> engine().getTaskService().claim(taskId, worker.id()));
    }

    /**
     * Sets or (with null) clears the assignee, only if the task is still held by {@code expected} (null: by nobody):
     * a compare-and-set in one engine command, whose update is conditional on the task's revision as read there,
     * so of two concurrent calls that checked the same assignee one wins and the other gets a 409.
     */
    public void assign(UUID tenantId, Worker worker, String taskId, String expected, String assignee) {
        act(tenantId, worker, taskId, () -> command(context -> {
            heldBy(context, tenantId, taskId, expected);
            return new AssignTaskCmd(taskId, assignee).execute(context);
        }));
    }

    /**
     * Completes the task, still the worker's (checked in the same command: a delegation committed meanwhile wins),
     * leaving only the decision as a process variable; the process goes on in this transaction.
     */
    public void complete(UUID tenantId, Worker worker, String taskId, TaskDecision decision) {
        act(tenantId, worker, taskId, () -> command(context -> {
            heldBy(context, tenantId, taskId, worker.id());
            return new CompleteTaskCmd(taskId, Map.of(TaskDecision.VARIABLE, decision.name())).execute(context);
        }));
    }

    private static void heldBy(CommandContext context, UUID tenantId, String taskId, String expected) {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null || !tenantId.toString().equals(task.getTenantId())) {
            throw new NotFoundException("task " + taskId);
        }
        if (!Objects.equals(task.getAssignee(), expected)) {
            throw new TaskAlreadyClaimedException(taskId, String.valueOf(task.getAssignee()));
        }
    }

    private <T> void command(Command<T> command) {
        ((ProcessEngineConfigurationImpl) engine().getProcessEngineConfiguration()).getCommandExecutorTxRequired().execute(command);
    }

    private void act(UUID tenantId, Worker worker, String taskId, Runnable action) {
        as(tenantId, worker, () -> {
            try {
                action.run();
            } catch (TaskAlreadyClaimedException | OptimisticLockingException e) {
                throw ProblemException.conflict("id", "the task was changed or claimed by someone else meanwhile");
            } catch (NotFoundException | NullValueException e) {
                throw ProblemException.notFound("task " + taskId);
            }
            return null;
        });
    }

    private List<WorkTask> views(List<Task> tasks) {
        Set<String> definitionIds = new HashSet<>();
        Set<String> instanceIds = new HashSet<>();
        for (Task t : tasks) {
            if (t.getProcessDefinitionId() != null) {
                definitionIds.add(t.getProcessDefinitionId());
            }
            if (t.getProcessInstanceId() != null) {
                instanceIds.add(t.getProcessInstanceId());
            }
        }
        Map<String, String> keys = new HashMap<>();
        if (!definitionIds.isEmpty()) {
            for (ProcessDefinition d : engine().getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionIdIn(definitionIds.toArray(String[]::new)).list()) {
                keys.put(d.getId(), d.getKey());
            }
        }
        Map<String, String> businessKeys = new HashMap<>();
        if (!instanceIds.isEmpty()) {
            for (ProcessInstance p : engine().getRuntimeService().createProcessInstanceQuery().processInstanceIds(instanceIds).list()) {
                businessKeys.put(p.getId(), p.getBusinessKey());
            }
        }
        List<WorkTask> views = new ArrayList<>();
        for (Task t : tasks) {
            List<String> groups = new ArrayList<>();
            for (IdentityLink link : engine().getTaskService().getIdentityLinksForTask(t.getId())) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                }
            }
            groups.sort(null);
            views.add(new WorkTask(t.getId(), t.getName(), keys.get(t.getProcessDefinitionId()), t.getProcessInstanceId(),
                    businessKeys.get(t.getProcessInstanceId()), instant(t.getCreateTime()), instant(t.getDueDate()),
                    t.getAssignee(), groups));
        }
        return views;
    }

    /** Runs engine calls authenticated as the worker in the tenant (the tenant check applies to every command). */
    private <T> T as(UUID tenantId, Worker worker, Supplier<T> work) {
        IdentityService identity = engine().getIdentityService();
        identity.setAuthentication(worker.id(), List.of(worker.role()), List.of(tenantId.toString()));
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    private ProcessEngine engine() {
        return engines.engine();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
