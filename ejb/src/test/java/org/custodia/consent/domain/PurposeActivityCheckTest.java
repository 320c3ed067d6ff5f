package org.custodia.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.custodia.consent.domain.PurposeActivityCheck.Disagreement;
import org.custodia.ropa.domain.ProcessingRecord;
import org.custodia.ropa.domain.ProcessingRecord.DataCategory;
import org.custodia.ropa.domain.ProcessingRecord.LawfulBasis;
import org.custodia.ropa.domain.ProcessingRecord.Purpose;
import org.junit.jupiter.api.Test;

class PurposeActivityCheckTest {

    /** A newsletter activity: consent, email kept two years, open rates for a year. */
    static ProcessingRecord newsletter() {
        return new ProcessingRecord(ProcessingRecord.Role.CONTROLLER, "Newsletter", null, List.of(), null, false, null, false,
                List.of(new Purpose("sending the newsletter", LawfulBasis.CONSENT), new Purpose("measuring opens", LawfulBasis.LEGITIMATE_INTERESTS)),
                List.of("subscribers"), List.of(new DataCategory("email", false, "P2Y"), new DataCategory("open rates", false, "1 year"),
                        new DataCategory("click history", false, null, "marketing-short")),
                List.of(), true, List.of(), "TLS", null, List.of(), List.of());
    }

    static PurposeDetails purpose(String basis, List<String> categories, String retention) {
        return new PurposeDetails(Map.of(), PurposeDetails.LegalBasis.valueOf(basis), categories, retention, false, true, false);
    }

    @Test
    void aPurposeThatSaysWhatItsActivitySaysAgrees() {
        assertThat(PurposeActivityCheck.check(purpose("CONSENT", List.of("Email"), "P24M"), newsletter(), Map.of())).as("P24M is P2Y").isEmpty();
    }

    @Test
    void eachDifferenceIsNamedWithBothSides() {
        List<Disagreement> found = PurposeActivityCheck.check(purpose("CONTRACT", List.of("email", "open rates", "postal address"), "P3Y"),
                newsletter(), Map.of());
        assertThat(found).extracting(Disagreement::field).containsExactly("legalBasis", "retention", "retention", "dataCategories");
        assertThat(found.get(0).activityValue()).isEqualTo("CONSENT, LEGITIMATE_INTERESTS");
        assertThat(found.get(1)).isEqualTo(new Disagreement("retention", "P3Y", "P2Y",
                "the activity keeps 'email' for 'P2Y', the purpose for P3Y"));
        assertThat(found.get(3).purposeValue()).isEqualTo("postal address");
    }

    @Test
    void aCategoryLinkedToARetentionPolicyKeepsItsDataForThePolicysPeriod() {
        Map<String, String> periods = Map.of("marketing-short", "P6M");
        assertThat(PurposeActivityCheck.check(purpose("CONSENT", List.of("click history"), "P6M"), newsletter(), periods)).isEmpty();
        List<Disagreement> found = PurposeActivityCheck.check(purpose("CONSENT", List.of("click history"), "P1Y"), newsletter(), periods);
        assertThat(found).singleElement().isEqualTo(new Disagreement("retention", "P1Y", "P6M",
                "the activity keeps 'click history' for 'P6M' (retention policy marketing-short), the purpose for P1Y"));
        assertThat(PurposeActivityCheck.check(purpose("CONSENT", List.of("click history"), null), newsletter(), periods))
                .as("the purpose states none, the policy does").extracting(Disagreement::field).containsExactly("retention");
    }
}
