package org.custodia.workflow.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.context.ApiCaller;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.workflow.application.TaskProcesses;
import org.custodia.workflow.application.UserTaskService;
import org.custodia.workflow.domain.TaskDecisionRecord;
import org.custodia.workflow.domain.TaskFilter;
import org.custodia.workflow.domain.Worker;
import org.custodia.workflow.domain.WorkTask;

/**
 * The user tasks of every process (DSAR review, later erasure approval, ...). A caller sees and works a
 * task only with the process's permission and as a candidate (its role is one of the task's candidate
 * groups) or the assignee. Users act as themselves (assignee = their user id); API keys act as their role
 * (assignee = the key's principal, {@code api_key:<prefix>}), so an integration can work tasks its role may.
 */
@Path("/tasks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    /** A task as the API shows it: ids, names, dates and role names, nothing personal. */
    public record TaskView(String id, String name, String processKey, String businessKey, String createdAt, String dueAt,
                           String assignee, List<String> candidateGroups) {
        static TaskView of(WorkTask t) {
            return new TaskView(t.id(), t.name(), t.processKey(), t.businessKey(), text(t.createdAt()), text(t.dueAt()),
                    t.assignee(), t.candidateGroups());
        }
    }

    public record Delegation(String userId) {
    }

    /** {@code decision}: APPROVE, REJECT (with {@code reason}) or REQUEST_CHANGES (with {@code comment}). */
    public record Decision(String decision, String reason, String comment) {
    }

    public record Completed(String taskId, String processKey, String businessKey, String decision, String decidedBy,
                            String decidedAt) {
        static Completed of(TaskDecisionRecord r) {
            return new Completed(r.taskId(), r.processKey(), r.businessKey(), r.decision().name(), r.decidedBy(),
                    r.decidedAt().toString());
        }
    }

    @Inject
    UserTaskService tasks;

    @Inject
    TaskProcesses processes;

    @Inject
    CallerContext caller;

    @GET
    @RequiresPermission("task:view")
    public List<TaskView> list(@QueryParam("process") String process, @QueryParam("status") String status,
                               @QueryParam("dueBefore") String dueBefore, @QueryParam("assignee") String assignee,
                               @QueryParam("limit") String limit, @QueryParam("offset") String offset,
                               @QueryParam("businessKey") String businessKey) {
        List<FieldError> errors = new ArrayList<>();
        Instant due = Inputs.instant("dueBefore", dueBefore, errors);
        TaskFilter filter = TaskFilter.parse(process, status, due, assignee, limit, offset, processes.keys(), worker(), errors);
        if (businessKey != null && (businessKey.isBlank() || businessKey.length() > 100)) {
            errors.add(new FieldError("businessKey", "1 to 100 characters"));
        }
        Inputs.refuseQuery(errors);
        return tasks.list(caller.actor(), worker(), businessKey == null ? filter : filter.withBusinessKey(businessKey)).stream()
                .map(TaskView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RequiresPermission("task:view")
    public TaskView get(@PathParam("id") String id) {
        return TaskView.of(tasks.get(caller.actor(), worker(), taskId(id)));
    }

    @POST
    @Path("/{id}/claim")
    @RequiresPermission("task:work")
    public TaskView claim(@PathParam("id") String id) {
        return TaskView.of(tasks.claim(caller.actor(), worker(), taskId(id)));
    }

    @POST
    @Path("/{id}/unclaim")
    @RequiresPermission("task:work")
    public TaskView unclaim(@PathParam("id") String id) {
        return TaskView.of(tasks.unclaim(caller.actor(), worker(), taskId(id)));
    }

    @POST
    @Path("/{id}/delegate")
    @RequiresPermission("task:work")
    public TaskView delegate(@PathParam("id") String id, Delegation body) {
        String task = taskId(id);
        RequestBodies.required(body);
        UUID userId;
        try {
            userId = UUID.fromString(body.userId() == null ? "" : body.userId());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("userId", "must be the id of a user of your organisation");
        }
        return TaskView.of(tasks.delegate(caller.actor(), worker(), task, userId));
    }

    @POST
    @Path("/{id}/complete")
    @RequiresPermission("task:work")
    public Completed complete(@PathParam("id") String id, Decision body) {
        String task = taskId(id);
        RequestBodies.required(body);
        return Completed.of(tasks.complete(caller.actor(), worker(), task, body.decision(), body.reason(), body.comment()));
    }

    /** The caller as a task worker: users by their id, API keys by their principal; both as their role. */
    private Worker worker() {
        ApiCaller c = caller.caller();
        return new Worker(c.isUser() ? c.callerId().toString() : c.principal(), c.role() == null ? "" : c.role(),
                c.mfaPending() ? java.util.Set.of() : c.permissions());
    }

    /** Engine task ids are short tokens; anything else names no task. */
    private static String taskId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
            throw ProblemException.notFound("task");
        }
        return id;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
