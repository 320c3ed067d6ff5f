package org.custodia.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.custodia.bpmn.TaskDecision;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** The decision form is checked whole before anything is written. */
class DecisionFormTest {

    static ProblemException refused(String decision, String reason, String comment) {
        try {
            DecisionForm.of(decision, reason, comment);
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("accepted " + decision);
    }

    @Test
    void approveNeedsNothingElse() {
        DecisionForm f = DecisionForm.of("APPROVE", null, "  looks complete  ");
        assertThat(f.decision()).isEqualTo(TaskDecision.APPROVE);
        assertThat(f.reason()).isNull();
        assertThat(f.comment()).isEqualTo("looks complete");
        assertThat(DecisionForm.of("APPROVE", " ", "").comment()).isNull();
    }

    @Test
    void aRejectionNeedsAReasonAndOnlyARejectionHasOne() {
        ProblemException e = refused("REJECT", "   ", null);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).containsExactly(new FieldError("reason", "is required to reject"));
        assertThat(DecisionForm.of("REJECT", "manifestly unfounded", null).reason()).isEqualTo("manifestly unfounded");
        assertThat(refused("APPROVE", "because", null).errors()).extracting(FieldError::field).containsExactly("reason");
    }

    @Test
    void requestingChangesNeedsAComment() {
        assertThat(refused("REQUEST_CHANGES", null, null).errors())
                .containsExactly(new FieldError("comment", "is required to request changes"));
        assertThat(DecisionForm.of("REQUEST_CHANGES", null, "add the CRM export").decision()).isEqualTo(TaskDecision.REQUEST_CHANGES);
    }

    @Test
    void unknownDecisionsAndOverlongTextsAreNamedTogether() {
        ProblemException e = refused("approve", null, "x".repeat(DecisionForm.COMMENT_MAX + 1));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("decision", "comment");
        assertThat(refused(null, null, null).errors()).extracting(FieldError::field).containsExactly("decision");
        assertThat(refused("REJECT", "r".repeat(DecisionForm.REASON_MAX + 1), null).errors())
                .containsExactly(new FieldError("reason", "must be at most " + DecisionForm.REASON_MAX + " characters"));
        assertThat(DecisionForm.of("REJECT", "r".repeat(DecisionForm.REASON_MAX), "c".repeat(DecisionForm.COMMENT_MAX)).reason())
                .hasSize(DecisionForm.REASON_MAX);
    }
}
