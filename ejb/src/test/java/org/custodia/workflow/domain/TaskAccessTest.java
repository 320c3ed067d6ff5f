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
        assertThatCode(() -> TaskAccess.requireReleasable(ANNA, task("a1", "APPROVER"), DSAR, APPROVER_PERMISSIONS))
                .doesNotThrowAnyException();
        assertThatCode(() -> TaskAccess.requireReleasable(BEN, task("a1", "APPROVER"), DSAR, APPROVER_PERMISSIONS))
                .as("a peer takes over a stuck task").doesNotThrowAnyException();
        assertThat(status(() -> TaskAccess.requireReleasable(BEN, task("f6", "APPROVER", "reviewer"), DSAR, ADMIN_PERMISSIONS)))
                .as("the assignee outranks him").isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireReleasable(BEN, task("api_key:abcd", "APPROVER"), DSAR, null)))
                .as("only a key releases its own task").isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireReleasable(ANNA, task(null, "APPROVER"), DSAR, null))).isEqualTo(409);
        assertThat(status(() -> TaskAccess.requireReleasable(AUDITOR, task("a1", "APPROVER"), DSAR, APPROVER_PERMISSIONS)))
                .isEqualTo(403);
    }

    @Test
    void delegationGoesOnlyToACandidateNoHigherThanTheDelegator() {
        WorkTask mine = task("a1", "APPROVER", "reviewer");
        assertThatCode(() -> TaskAccess.requireDelegable(ANNA, mine, DSAR, APPROVER_PERMISSIONS, BEN)).doesNotThrowAnyException();
        assertThatCode(() -> TaskAccess.requireDelegable(ANNA, task(null, "APPROVER"), DSAR, null, BEN))
                .as("a candidate hands out an open task").doesNotThrowAnyException();

        assertThatThrownBy(() -> TaskAccess.requireDelegable(ANNA, mine, DSAR, APPROVER_PERMISSIONS, STRONG_REVIEWER))
                .as("upwards").isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("userId");
                });
        assertThatThrownBy(() -> TaskAccess.requireDelegable(ANNA, mine, DSAR, APPROVER_PERMISSIONS, AUDITOR))
                .as("to a non-candidate").isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("userId");
                });
        assertThat(status(() -> TaskAccess.requireDelegable(ANNA, mine, DSAR, APPROVER_PERMISSIONS, NO_PERMISSION)))
                .as("to a candidate without the process permission").isEqualTo(422);
        assertThat(status(() -> TaskAccess.requireDelegable(ADMIN, task(null, "APPROVER"), DSAR, null, BEN)))
                .as("a non-candidate hands out nothing").isEqualTo(403);
        assertThat(status(() -> TaskAccess.requireDelegable(BEN, task("f6", "APPROVER", "reviewer"), DSAR, ADMIN_PERMISSIONS, ANNA)))
                .as("nor takes a task from a higher assignee to give it away").isEqualTo(403);
        assertThatCode(() -> TaskAccess.requireDelegable(STRONG_REVIEWER, mine, DSAR, APPROVER_PERMISSIONS, BEN))
                .as("a higher candidate may reassign a lower one's task").doesNotThrowAnyException();
    }
}
