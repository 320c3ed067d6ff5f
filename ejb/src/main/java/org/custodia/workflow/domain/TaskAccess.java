package org.custodia.workflow.domain;

import java.util.List;
import java.util.Set;

import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * Who may see and work a user task. A worker sees a task of a process only while holding that process's
 * permission ({@code dsar:approve} for DSAR reviews) and being its assignee or a candidate (the worker's role
 * is one of the task's candidate groups). Claiming takes an unclaimed task; completing needs the task to be
 * the worker's own (an unclaimed task is claimed and completed in one step by a candidate). Releasing or
 * delegating someone else's task, and delegating to someone, needs a candidate who holds every permission
 * of that other user: a lower role never acts on a higher one.
 */
public final class TaskAccess {

    /** Lists and reads tasks (the process permission still decides which). */
    public static final String VIEW = "task:view";
    /** Claims, releases, delegates and completes tasks (the process permission still decides which). */
    public static final String WORK = "task:work";

    private TaskAccess() {
    }

    public static boolean mayView(Worker worker, WorkTask task, String processPermission) {
        return worker.holds(processPermission) && (task.assignedTo(worker) || task.hasCandidate(worker.role()));
    }

    public static void requireVisible(Worker worker, WorkTask task, String processPermission) {
        if (!mayView(worker, task, processPermission)) {
            throw forbidden("You may only see and work tasks you are assigned to or a candidate for, with "
                    + processPermission + ".", "id", "you are neither its assignee nor a candidate");
        }
    }

    /** True when the claim changes something; false when the task is already the worker's own. */
    public static boolean requireClaimable(Worker worker, WorkTask task, String processPermission) {
        requireVisible(worker, task, processPermission);
        if (task.assignedTo(worker)) {
            return false;
        }
        if (task.assigned()) {
            throw ProblemException.conflict("id", "the task is claimed by someone else");
        }
        return true;
    }

    /**
     * @param assigneePermissions what the current assignee's role holds, or null when the assignee is no user
     *                            of the tenant (an API key, a removed user): then only the assignee releases it
     */
    public static void requireReleasable(Worker worker, WorkTask task, String processPermission, Set<String> assigneePermissions) {
        requireVisible(worker, task, processPermission);
        if (!task.assigned()) {
            throw ProblemException.conflict("id", "the task is not claimed");
        }
        requireMayTakeFromAssignee(worker, task, assigneePermissions);
    }

    /**
     * Hands the task to {@code target} (a user of the tenant). The worker must be the assignee, a candidate of
     * an unclaimed task, or a candidate not outranked by the current assignee; the target must be no higher
     * than the worker, hold the process's permission and the task permissions, and be a candidate.
     */
    public static void requireDelegable(Worker worker, WorkTask task, String processPermission, Set<String> assigneePermissions,
                                        Worker target) {
        requireVisible(worker, task, processPermission);
        if (task.assigned()) {
            requireMayTakeFromAssignee(worker, task, assigneePermissions);
        }
        if (!worker.notOutrankedBy(target.permissions())) {
            throw forbidden("You cannot hand a task to someone who holds permissions you do not have.", "userId",
                    "holds permissions beyond yours");
        }
        if (!target.holds(processPermission) || !target.holds(VIEW) || !target.holds(WORK) || !task.hasCandidate(target.role())) {
            throw ProblemException.invalid("userId", "is not a candidate for this task (role " + target.role()
                    + " is not among " + task.candidateGroups() + " or lacks " + processPermission + ", " + VIEW + " or " + WORK + ")");
        }
    }

    /** True when the task must first be claimed (an unclaimed task completed by a candidate). */
    public static boolean requireCompletable(Worker worker, WorkTask task, String processPermission) {
        requireVisible(worker, task, processPermission);
        if (task.assignedTo(worker)) {
            return false;
        }
        if (task.assigned()) {
            throw ProblemException.conflict("id", "the task is claimed by someone else; only its assignee completes it");
        }
        return true;
    }

    private static void requireMayTakeFromAssignee(Worker worker, WorkTask task, Set<String> assigneePermissions) {
        if (task.assignedTo(worker)) {
            return;
        }
        if (!task.hasCandidate(worker.role())) {
            throw forbidden("Only a candidate may take over a task.", "id", "you are not a candidate");
        }
        if (assigneePermissions == null || !worker.notOutrankedBy(assigneePermissions)) {
            throw forbidden("You cannot take a task from someone who holds permissions you do not have.", "id",
                    "its assignee holds permissions beyond yours");
        }
    }

    private static ProblemException forbidden(String detail, String field, String reason) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, List.of(new FieldError(field, reason)));
    }
}
