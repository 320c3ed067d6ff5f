package org.custodia.ropa.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ProcessingActivityTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void eachChangeIsANewDraftVersionAndAReviewFreezesTheEntry() {
        ActivityContent content = RegisterSheetTest.awkward();
        ProcessingActivity a = ProcessingActivity.create("PA-1", content, ActivityJson.write(content), null, null, NOW);
        assertThat(a.version()).isEqualTo(1);
        assertThat(a.status()).isEqualTo(ActivityStatus.DRAFT);
        assertThat(a.gaps()).isEqualTo(Art30Completeness.gaps(content.record()).size());
        a.submit("pi-1", NOW);
        assertThatThrownBy(() -> a.revise(content, ActivityJson.write(content), null, null, NOW)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(a::checkRemovable).isInstanceOf(ProblemException.class);
        a.approve(1, "user:dpo", NOW);
        assertThat(a.approvedVersion()).isEqualTo(1);
        assertThatThrownBy(() -> a.submit("pi-2", NOW)).as("approved as it reads").isInstanceOf(ProblemException.class);
        a.revise(content, ActivityJson.write(content), null, LocalDate.of(2027, 1, 1), NOW);
        assertThat(a.version()).isEqualTo(2);
        assertThat(a.status()).isEqualTo(ActivityStatus.DRAFT);
        assertThat(a.approvedVersion()).as("the approved version stays until the next approval").isEqualTo(1);
    }

    @Test
    void onlyTheVersionInReviewCanBeApproved() {
        ActivityContent content = RegisterSheetTest.awkward();
        ProcessingActivity a = ProcessingActivity.create("PA-1", content, ActivityJson.write(content), null, null, NOW);
        assertThatThrownBy(() -> a.approve(1, "user:dpo", NOW)).isInstanceOf(IllegalStateException.class);
        a.submit("pi-1", NOW);
        assertThatThrownBy(() -> a.approve(2, "user:dpo", NOW)).isInstanceOf(IllegalStateException.class);
        a.returnToDraft(NOW);
        assertThat(a.status()).isEqualTo(ActivityStatus.DRAFT);
    }
}
