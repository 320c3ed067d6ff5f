package org.custodia.workflow.application;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.bpmn.TaskDecision;
import org.custodia.identity.application.ApiKeyService;
import org.custodia.identity.application.TenantRoles;
import org.custodia.identity.application.UserService;
import org.custodia.identity.domain.UserAccount;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.workflow.domain.Assignee;
import org.custodia.workflow.domain.DecisionForm;
import org.custodia.workflow.domain.TaskAccess;
import org.custodia.workflow.domain.TaskDecisionRecord;
import org.custodia.workflow.domain.TaskFilter;
import org.custodia.workflow.domain.Worker;
import org.custodia.workflow.domain.WorkTask;
import org.custodia.workflow.infrastructure.EngineTasks;
import org.custodia.workflow.infrastructure.TaskDecisionRepository;

/**
 * The user tasks of every process, worked through Custodia's API ({@link TaskAccess} decides who may do
 * what). A task of another tenant does not exist for the caller (404). Every claim, release, delegation and
 * completion is audited with ids and the decision only; a completion's reason and comment go to the tenant's
 * decision record, and only the decision reaches the process.
 */
@Stateless
@TenantScoped
public class UserTaskService {

    @Inject
    EngineTasks tasks;

    @Inject
    TaskDecisionRepository decisions;

    @Inject
    TaskProcesses processes;

    @Inject
    UserService users;

    @Inject
    TenantRoles roles;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    AuditTrail audit;

    /** How an API key is named as a task's assignee ({@code api_key:<prefix>}, see {@link Worker}). */
    static final String API_KEY_PRINCIPAL = "api_key:";

    @Inject
    TaskAssignmentMail assignmentMail;

    public List<WorkTask> list(Actor actor, Worker worker, TaskFilter filter) {
        List<String> keys = processes.keysGuardedBy(worker.permissions());
        if (filter.processKey() != null) {
            keys = keys.contains(filter.processKey()) ? List.of(filter.processKey()) : List.of();
        }
        return tasks.list(actor.tenantId(), worker, filter, keys);
    }

    public WorkTask get(Actor actor, Worker worker, String taskId) {
        Found f = load(actor, worker, taskId);
        TaskAccess.requireVisible(worker, f.task(), f.permission());
        return f.task();
    }

    public WorkTask claim(Actor actor, Worker worker, String taskId) {
        Found f = load(actor, worker, taskId);
        if (TaskAccess.requireClaimable(worker, f.task(), f.permission())) {
            tasks.claim(actor.tenantId(), worker, taskId);
            audit.append(actor, "task.claimed", "task", taskId, payload(f.task()));
        }
        return reload(actor, worker, taskId);
    }

    public WorkTask unclaim(Actor actor, Worker worker, String taskId) {
        Found f = load(actor, worker, taskId);
        Assignee holder = assignee(actor.tenantId(), f.task());
        TaskAccess.requireReleasable(worker, f.task(), f.permission(), holder);
        tasks.assign(actor.tenantId(), worker, taskId, f.task().assignee(), null);
        Map<String, Object> payload = payload(f.task());
        payload.put("previousAssignee", f.task().assignee());
        recordHow(payload, worker, f, holder);
        audit.append(actor, "task.unclaimed", "task", taskId, payload);
        return reload(actor, worker, taskId);
    }

    public WorkTask delegate(Actor actor, Worker worker, String taskId, UUID userId) {
        Found f = load(actor, worker, taskId);
        Worker target = colleague(actor.tenantId(), userId);
        Assignee holder = assignee(actor.tenantId(), f.task());
        TaskAccess.requireDelegable(worker, f.task(), f.permission(), holder, target);
        tasks.assign(actor.tenantId(), worker, taskId, f.task().assignee(), target.id());
        Map<String, Object> payload = payload(f.task());
        if (f.task().assigned()) {
            payload.put("previousAssignee", f.task().assignee());
        }
        recordHow(payload, worker, f, holder);
        payload.put("assignee", target.id());
        audit.append(actor, "task.delegated", "task", taskId, payload);
        if (!target.id().equals(worker.id())) {
            assignmentMail.send(actor.tenantId(), f.task(), userId);
        }
        return reload(actor, worker, taskId);
    }

    /**
     * Completes the worker's task with a checked decision. An unclaimed task of a candidate is claimed first
     * (audited as a claim), so a reviewer can decide in one call; someone else's task is a 409.
     */
    public TaskDecisionRecord complete(Actor actor, Worker worker, String taskId, String decision, String reason, String comment) {
        Found f = load(actor, worker, taskId);
        boolean claimFirst = TaskAccess.requireCompletable(worker, f.task(), f.permission());
        DecisionForm form = DecisionForm.of(decision, reason, comment);
        if (form.decision() == TaskDecision.APPROVE && form.comment() == null && processes.approvalStatesAnOpinion(f.task().processKey())) {
            throw ProblemException.invalid("comment", "is required to approve: the approval records the DPO's written opinion");
        }
        if (claimFirst) {
            tasks.claim(actor.tenantId(), worker, taskId);
            audit.append(actor, "task.claimed", "task", taskId, payload(f.task()));
        }
        WorkTask t = f.task();
        TaskDecisionRecord record = new TaskDecisionRecord(UUID.randomUUID(), actor.tenantId(), t.id(), t.processInstanceId(),
                t.processKey(), t.businessKey(), form.decision(), form.reason(), form.comment(), worker.id(), StoredTime.now());
        decisions.add(record);
        tasks.complete(actor.tenantId(), worker, taskId, form.decision());
        Map<String, Object> payload = payload(t);
        payload.put("decision", form.decision().name());
        audit.append(actor, "task.completed", "task", taskId, payload);
        return record;
    }

    private record Found(WorkTask task, String permission) {
    }

    private Found load(Actor actor, Worker worker, String taskId) {
        WorkTask task = tasks.find(actor.tenantId(), worker, taskId).orElseThrow(() -> ProblemException.notFound("task " + taskId));
        // a task of a process no context declares is nobody's to work through this API
        String permission = processes.permissionOf(task.processKey()).orElseThrow(() -> ProblemException.notFound("task " + taskId));
        return new Found(task, permission);
    }

    private WorkTask reload(Actor actor, Worker worker, String taskId) {
        return tasks.find(actor.tenantId(), worker, taskId).orElseThrow(() -> ProblemException.notFound("task " + taskId));
    }

    /**
     * Who holds the task: an active user or a usable API key of the tenant with its role's permissions, else
     * {@link Assignee#GONE} (disabled or removed user, revoked or expired key); null when nobody holds it.
     */
    private Assignee assignee(UUID tenantId, WorkTask task) {
        if (!task.assigned()) {
            return null;
        }
        String id = task.assignee();
        if (id.startsWith(API_KEY_PRINCIPAL)) {
            String prefix = id.substring(API_KEY_PRINCIPAL.length());
            Instant now = StoredTime.now();
            return apiKeys.list(tenantId).stream().filter(k -> k.prefix().equals(prefix) && k.usable(now)).findFirst()
                    .map(k -> Assignee.active(roles.permissionsOf(tenantId, k.role()))).orElse(Assignee.GONE);
        }
        UUID userId;
        try {
            userId = UUID.fromString(id);
        } catch (IllegalArgumentException unknown) {
            return Assignee.GONE;
        }
        return users.find(tenantId, userId).filter(u -> u.status() == UserAccount.Status.ACTIVE)
                .map(u -> Assignee.active(roles.permissionsOf(tenantId, u.role()))).orElse(Assignee.GONE);
    }

    /** The audit says when a task was taken as a reassigner, or back from an assignee who is gone. */
    private static void recordHow(Map<String, Object> payload, Worker worker, Found f, Assignee holder) {
        if (holder != null && holder.gone()) {
            payload.put("previousAssigneeGone", true);
        }
        if (!f.task().assignedTo(worker) && !f.task().hasCandidate(worker.role())) {
            payload.put("as", TaskAccess.REASSIGN);
        }
    }

    /** An active user of the tenant as a worker, or a 422 on {@code userId}. */
    private Worker colleague(UUID tenantId, UUID userId) {
        UserAccount user = users.find(tenantId, userId)
                .orElseThrow(() -> ProblemException.invalid("userId", "is not a user of your organisation"));
        if (user.status() != UserAccount.Status.ACTIVE) {
            throw ProblemException.invalid("userId", "is not an active user");
        }
        return new Worker(user.id().toString(), user.role(), roles.permissionsOf(tenantId, user.role()));
    }

    private static Map<String, Object> payload(WorkTask t) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("processKey", t.processKey());
        payload.put("processInstanceId", t.processInstanceId());
        if (t.businessKey() != null) {
            payload.put("businessKey", t.businessKey());
        }
        return payload;
    }
}
