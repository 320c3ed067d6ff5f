package org.custodia.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** Who may see, claim, release, delegate and complete a user task. */
class TaskAccessTest {

    static final String DSAR = "dsar:approve";
    static final Set<String> APPROVER_PERMISSIONS = Set.of(DSAR, "dsar:view", TaskAccess.VIEW, TaskAccess.WORK);
    static final Set<String> ADMIN_PERMISSIONS = Set.of(DSAR, "dsar:view", TaskAccess.VIEW, TaskAccess.WORK, "user:delete");

    static final Worker ANNA = new Worker("a1", "APPROVER", APPROVER_PERMISSIONS);
    static final Worker BEN = new Worker("b2", "APPROVER", APPROVER_PERMISSIONS);
    static final Worker AUDITOR = new Worker("c3", "AUDITOR", Set.of("dsar:view", TaskAccess.VIEW));
    static final Worker ADMIN = new Worker("d4", "ADMIN", ADMIN_PERMISSIONS);
    /** A candidate by role who lacks the process's permission (a custom role named like a group). */
    static final Worker NO_PERMISSION = new Worker("e5", "APPROVER", Set.of(TaskAccess.VIEW, TaskAccess.WORK));
    /** An ADMIN-strong custom role that is a candidate. */
    static final Worker STRONG_REVIEWER = new Worker("f6", "reviewer", ADMIN_PERMISSIONS);
    static final Worker API_KEY = new Worker("api_key:abcd", "APPROVER", APPROVER_PERMISSIONS);

    static WorkTask task(String assignee, String... groups) {
        return new WorkTask("t1", "Review", "dsar", "p1", "dsar-1", Instant.EPOCH, null, assignee, List.of(groups));
    }

    static int status(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (ProblemException e) {
            return e.status();
        }
    }

    @Test
    void aTaskIsSeenByCandidatesAndTheAssigneeHoldingTheProcessPermission() {
        WorkTask open = task(null, "APPROVER");
        assertThat(TaskAccess.mayView(ANNA, open, DSAR)).isTrue();
        assertThat(TaskAccess.mayView(AUDITOR, open, DSAR)).isFalse();
        assertThat(TaskAccess.mayView(ADMIN, open, DSAR)).as("permission without candidacy").isFalse();
        assertThat(TaskAccess.mayView(NO_PERMISSION, open, DSAR)).as("candidacy without permission").isFalse();
        assertThat(TaskAccess.mayView(ADMIN, task("d4", "APPROVER"), DSAR)).as("the assignee").isTrue();
        assertThat(TaskAccess.mayView(BEN, task("a1", "APPROVER"), DSAR)).as("a candidate sees a colleague's task").isTrue();
        assertThat(status(() -> TaskAccess.requireVisible(AUDITOR, open, DSAR))).isEqualTo(403);
    }

    @Test
    void aCandidateClaimsAnOpenTaskOnceAndNobodyClaimsSomeoneElses() {
        assertThat(TaskAccess.requireClaimable(ANNA, task(null, "APPROVER"), DSAR)).isTrue();
        assertThat(TaskAccess.requireClaimable(ANNA, task("a1", "APPROVER"), DSAR)).as("already hers: nothing to do").isFalse();
        assertThatThrownBy(() -> TaskAccess.requireClaimable(BEN, task("a1", "APPROVER"), DSAR))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("id");
                });
        assertThat(status(() -> TaskAccess.requireClaimable(ADMIN, task(null, "APPROVER"), DSAR))).isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireClaimable(NO_PERMISSION, task(null, "APPROVER"), DSAR))).isEqualTo(403);
        assertThat(TaskAccess.requireClaimable(API_KEY, task(null, "APPROVER"), DSAR)).as("a key acts as its role").isTrue();
    }

    @Test
    void theAssigneeCompletesAnOpenTaskIsClaimedOnCompletionAndSomeoneElsesIsAConflict() {
        assertThat(TaskAccess.requireCompletable(ANNA, task("a1", "APPROVER"), DSAR)).isFalse();
        assertThat(TaskAccess.requireCompletable(ANNA, task(null, "APPROVER"), DSAR)).isTrue();
        assertThat(status(() -> TaskAccess.requireCompletable(BEN, task("a1", "APPROVER"), DSAR))).isEqualTo(409);
        assertThat(status(() -> TaskAccess.requireCompletable(AUDITOR, task(null, "APPROVER"), DSAR))).isEqualTo(403);
        // an assignee who lost the process permission completes nothing
        assertThat(status(() -> TaskAccess.requireCompletable(NO_PERMISSION, task("e5", "APPROVER"), DSAR))).isEqualTo(403);
    }

    @Test
    void anEqualOrHigherCandidateMayReleaseATaskButALowerOneNever() {
        assertThatCode(() -> TaskAccess.requireReleasable(ANNA, task("a1", "APPROVER"), DSAR, Assignee.active(APPROVER_PERMISSIONS)))
                .doesNotThrowAnyException();
        assertThatCode(() -> TaskAccess.requireReleasable(BEN, task("a1", "APPROVER"), DSAR, Assignee.active(APPROVER_PERMISSIONS)))
                .as("a peer takes over a stuck task").doesNotThrowAnyException();
        assertThat(status(() -> TaskAccess.requireReleasable(BEN, task("f6", "APPROVER", "reviewer"), DSAR, Assignee.active(ADMIN_PERMISSIONS))))
                .as("the assignee outranks him").isEqualTo(403);
        assertThatCode(() -> TaskAccess.requireReleasable(BEN, task("api_key:abcd", "APPROVER"), DSAR, Assignee.active(APPROVER_PERMISSIONS)))
                .as("a key in use is a peer like any other").doesNotThrowAnyException();
        assertThat(status(() -> TaskAccess.requireReleasable(BEN, task("api_key:abcd", "APPROVER"), DSAR, Assignee.active(ADMIN_PERMISSIONS))))
                .as("a stronger key's task is not his").isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireReleasable(ANNA, task(null, "APPROVER"), DSAR, Assignee.GONE))).isEqualTo(409);
        assertThat(status(() -> TaskAccess.requireReleasable(AUDITOR, task("a1", "APPROVER"), DSAR, Assignee.active(APPROVER_PERMISSIONS))))
                .isEqualTo(403);
    }

    @Test
    void delegationGoesOnlyToACandidateNoHigherThanTheDelegator() {
        WorkTask mine = task("a1", "APPROVER", "reviewer");
        assertThatCode(() -> TaskAccess.requireDelegable(ANNA, mine, DSAR, Assignee.active(APPROVER_PERMISSIONS), BEN)).doesNotThrowAnyException();
        assertThatCode(() -> TaskAccess.requireDelegable(ANNA, task(null, "APPROVER"), DSAR, null, BEN))
                .as("a candidate hands out an open task").doesNotThrowAnyException();

        assertThatThrownBy(() -> TaskAccess.requireDelegable(ANNA, mine, DSAR, Assignee.active(APPROVER_PERMISSIONS), STRONG_REVIEWER))
                .as("upwards").isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("userId");
                });
        assertThatThrownBy(() -> TaskAccess.requireDelegable(ANNA, mine, DSAR, Assignee.active(APPROVER_PERMISSIONS), AUDITOR))
                .as("to a non-candidate").isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("userId");
                });
        assertThat(status(() -> TaskAccess.requireDelegable(ANNA, mine, DSAR, Assignee.active(APPROVER_PERMISSIONS), NO_PERMISSION)))
                .as("to a candidate without the process permission").isEqualTo(422);
        assertThat(status(() -> TaskAccess.requireDelegable(ADMIN, task(null, "APPROVER"), DSAR, null, BEN)))
                .as("a non-candidate hands out nothing").isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireDelegable(BEN, task("f6", "APPROVER", "reviewer"), DSAR, Assignee.active(ADMIN_PERMISSIONS), ANNA)))
                .as("nor takes a task from a higher assignee to give it away").isEqualTo(403);
        assertThatCode(() -> TaskAccess.requireDelegable(STRONG_REVIEWER, mine, DSAR, Assignee.active(APPROVER_PERMISSIONS), BEN))
                .as("a higher candidate may reassign a lower one's task").doesNotThrowAnyException();
    }

    static final Set<String> REASSIGNER_PERMISSIONS = Set.of(DSAR, "dsar:view", TaskAccess.VIEW, TaskAccess.WORK, "user:delete",
            TaskAccess.REASSIGN);
    /** An ADMIN as seeded: every permission, task:reassign among them, and no candidate of DSAR reviews. */
    static final Worker REASSIGNER = new Worker("g7", "ADMIN", REASSIGNER_PERMISSIONS);

    @Test
    void aReassignerSeesReleasesAndHandsOverTasksItIsNoCandidateForButClaimsAndCompletesNone() {
        WorkTask annas = task("a1", "APPROVER");
        assertThat(TaskAccess.mayView(REASSIGNER, task(null, "APPROVER"), DSAR)).isTrue();
        assertThat(TaskAccess.mayView(new Worker("g8", "ADMIN", Set.of(TaskAccess.REASSIGN, TaskAccess.VIEW)), annas, DSAR))
                .as("not without the process permission").isFalse();
        assertThatCode(() -> TaskAccess.requireReleasable(REASSIGNER, annas, DSAR, Assignee.active(APPROVER_PERMISSIONS)))
                .doesNotThrowAnyException();
        assertThatCode(() -> TaskAccess.requireDelegable(REASSIGNER, annas, DSAR, Assignee.active(APPROVER_PERMISSIONS), BEN))
                .doesNotThrowAnyException();
        assertThatCode(() -> TaskAccess.requireDelegable(REASSIGNER, task(null, "APPROVER"), DSAR, null, BEN))
                .as("an open task handed out").doesNotThrowAnyException();
        // still: never from or to someone higher, only to a candidate, and no claim or completion of its own
        Set<String> higher = new java.util.HashSet<>(REASSIGNER_PERMISSIONS);
        higher.add("tenant:delete");
        assertThat(status(() -> TaskAccess.requireReleasable(REASSIGNER, task("f6", "APPROVER"), DSAR, Assignee.active(higher))))
                .isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireDelegable(REASSIGNER, annas, DSAR, Assignee.active(APPROVER_PERMISSIONS),
                new Worker("h9", "APPROVER", higher)))).isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireDelegable(REASSIGNER, annas, DSAR, Assignee.active(APPROVER_PERMISSIONS), REASSIGNER)))
                .as("to itself, no candidate").isEqualTo(422);
        assertThat(status(() -> TaskAccess.requireClaimable(REASSIGNER, task(null, "APPROVER"), DSAR))).isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireCompletable(REASSIGNER, task(null, "APPROVER"), DSAR))).isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireReleasable(ADMIN, annas, DSAR, Assignee.active(APPROVER_PERMISSIONS))))
                .as("an ADMIN-like role without task:reassign is no candidate").isEqualTo(403);
    }

    @Test
    void aTaskWhoseAssigneeIsGoneIsTakenBackByACandidateOrAReassigner() {
        // a disabled user or a revoked key held it: whatever their role was, nobody is left to outrank
        WorkTask stuck = task("api_key:dead", "APPROVER");
        assertThatCode(() -> TaskAccess.requireReleasable(BEN, stuck, DSAR, Assignee.GONE)).doesNotThrowAnyException();
        assertThatCode(() -> TaskAccess.requireReleasable(REASSIGNER, stuck, DSAR, Assignee.GONE)).doesNotThrowAnyException();
        assertThatCode(() -> TaskAccess.requireDelegable(REASSIGNER, stuck, DSAR, Assignee.GONE, ANNA)).doesNotThrowAnyException();
        assertThat(status(() -> TaskAccess.requireReleasable(AUDITOR, stuck, DSAR, Assignee.GONE))).isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireReleasable(ADMIN, stuck, DSAR, Assignee.GONE))).as("no candidate, no reassigner")
                .isEqualTo(403);
    }
}
