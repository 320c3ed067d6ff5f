package org.custodia.ropa.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.custodia.platform.problem.FieldError;
import org.custodia.ropa.domain.ActivityContent.DataFlow;
import org.junit.jupiter.api.Test;

class ActivityRulesTest {

    @Test
    void anIncompleteDraftIsStoredButAMalformedOneIsNot() {
        ActivityContent content = RegisterSheetTest.awkward();
        Set<String> policies = Set.of("tax-10y", "hr.sick-notes");
        assertThat(ActivityRules.problems("PA-001", content, Set.of("HR system", "Payroll SaaS"), policies)).isEmpty();
        assertThat(ActivityRules.problems("PA-001", content, Set.of("HR system", "Payroll SaaS"), Set.of("tax-10y")))
                .as("a retention policy the tenant lacks").extracting(FieldError::field)
                .containsExactly("content.record.dataCategories[2].retentionPolicy");

        ActivityContent flows = new ActivityContent(null, content.record(), List.of("HR system", "HR system", "Mainframe"),
                List.of(new DataFlow("Payroll SaaS", "tax office", List.of("shoe size"), null)));
        assertThat(ActivityRules.problems("PA 001", flows, Set.of("HR system", "Payroll SaaS"), policies)).extracting(FieldError::field)
                .containsExactly("reference", "content.systems[1]", "content.systems[2]", "content.flows[0].from",
                        "content.flows[0].dataCategories[0]");
    }

    @Test
    void aRecordNeedsANameAndRole() {
        ProcessingRecord bare = new ProcessingRecord(null, " ", null, null, null, false, null, false, null, null, null, null, false, null,
                null, null, null, null);
        assertThat(ActivityRules.problems("x", new ActivityContent(null, bare, null, null), Set.of(), Set.of())).extracting(FieldError::field)
                .containsExactly("content.record.role", "content.record.name");
        assertThat(ActivityRules.problems("x", null, Set.of(), Set.of())).extracting(FieldError::field).containsExactly("content");
    }
}
