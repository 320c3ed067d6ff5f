package org.custodia.workflow.domain;

import java.util.List;

import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * Who may see and work a user task. A worker sees a task of a process only while holding that process's
 * permission ({@code dsar:approve} for DSAR reviews) and being its assignee or a candidate (the worker's role
 * is one of the task's candidate groups). Claiming takes an unclaimed task; completing needs the task to be
 * the worker's own (an unclaimed task is claimed and completed in one step by a candidate). Releasing or
 * delegating someone else's task, and delegating to someone, needs a candidate who holds every permission
 * of that other user: a lower role never acts on a higher one. A worker with {@link #REASSIGN} (ADMIN) and the
 * process's permission also sees, releases and delegates tasks it is no candidate for, under the same rule;
 * it claims and completes none of them. A task whose assignee is gone ({@link Assignee#GONE}) is taken back
 * by any candidate or reassigner.
 */
public final class TaskAccess {

    /** Lists and reads tasks (the process permission still decides which). */
    public static final String VIEW = "task:view";
    /** Claims, releases, delegates and completes tasks (the process permission still decides which). */
    public static final String WORK = "task:work";
    /** Releases and delegates any task of a process whose permission one holds, though no candidate for it. */
    public static final String REASSIGN = "task:reassign";

    private TaskAccess() {
    }

    public static boolean mayView(Worker worker, WorkTask task, String processPermission) {
        return mayWork(worker, task, processPermission) || worker.holds(processPermission) && worker.holds(REASSIGN);
    }

    /** Claiming and completing: the assignee or a candidate, with the process's permission; a reassigner is neither. */
    static boolean mayWork(Worker worker, WorkTask task, String processPermission) {
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
        requireWorkable(worker, task, processPermission);
        if (task.assignedTo(worker)) {
            return false;
        }
        if (task.assigned()) {
            throw ProblemException.conflict("id", "the task is claimed by someone else");
        }
        return true;
    }

    /** @param assignee who holds the task now (null when nobody does) */
    public static void requireReleasable(Worker worker, WorkTask task, String processPermission, Assignee assignee) {
        requireVisible(worker, task, processPermission);
        if (!task.assigned()) {
            throw ProblemException.conflict("id", "the task is not claimed");
        }
        requireMayTakeFromAssignee(worker, task, assignee);
    }

    /**
     * Hands the task to {@code target} (a user of the tenant). The worker must be the assignee, a candidate of
     * an unclaimed task, or a candidate not outranked by the current assignee; the target must be no higher
     * than the worker, hold the process's permission and the task permissions, and be a candidate.
     */
    public static void requireDelegable(Worker worker, WorkTask task, String processPermission, Assignee assignee,
                                        Worker target) {
        requireVisible(worker, task, processPermission);
        if (task.assigned()) {
            requireMayTakeFromAssignee(worker, task, assignee);
        } else if (!mayWork(worker, task, processPermission) && !worker.holds(REASSIGN)) {
            throw forbidden("Only a candidate may hand over a task.", "id", "you are not a candidate");
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
        requireWorkable(worker, task, processPermission);
        if (task.assignedTo(worker)) {
            return false;
        }
        if (task.assigned()) {
            throw ProblemException.conflict("id", "the task is claimed by someone else; only its assignee completes it");
        }
        return true;
    }

    private static void requireWorkable(Worker worker, WorkTask task, String processPermission) {
        requireVisible(worker, task, processPermission);
        if (!mayWork(worker, task, processPermission)) {
            throw forbidden("Only a candidate or the assignee claims and completes a task.", "id", "you are not a candidate");
        }
    }

    private static void requireMayTakeFromAssignee(Worker worker, WorkTask task, Assignee assignee) {
        if (task.assignedTo(worker)) {
            return;
        }
        if (!task.hasCandidate(worker.role()) && !worker.holds(REASSIGN)) {
            throw forbidden("Only a candidate may take over a task.", "id", "you are not a candidate");
        }
        if (assignee.gone()) {
            return; // nobody left to outrank: the task would otherwise be stuck
        }
        if (!worker.notOutrankedBy(assignee.permissions())) {
            throw forbidden("You cannot take a task from someone who holds permissions you do not have.", "id",
                    "its assignee holds permissions beyond yours");
        }
    }

    private static ProblemException forbidden(String detail, String field, String reason) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, List.of(new FieldError(field, reason)));
    }
}
