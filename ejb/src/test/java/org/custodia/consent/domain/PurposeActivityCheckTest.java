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
                List.of("subscribers"), List.of(new DataCategory("email", false, "P2Y"), new DataCategory("open rates", false, "1 year")),
                List.of(), true, List.of(), "TLS", null, List.of(), List.of());
    }

    static PurposeDetails purpose(String basis, List<String> categories, String retention) {
        return new PurposeDetails(Map.of(), PurposeDetails.LegalBasis.valueOf(basis), categories, retention, false, true, false);
    }

    @Test
    void aPurposeThatSaysWhatItsActivitySaysAgrees() {
        assertThat(PurposeActivityCheck.check(purpose("CONSENT", List.of("Email"), "P24M"), newsletter())).as("P24M is P2Y").isEmpty();
    }

    @Test
    void eachDifferenceIsNamedWithBothSides() {
        List<Disagreement> found = PurposeActivityCheck.check(purpose("CONTRACT", List.of("email", "open rates", "postal address"), "P3Y"),
                newsletter());
        assertThat(found).extracting(Disagreement::field).containsExactly("legalBasis", "retention", "retention", "dataCategories");
        assertThat(found.get(0).activityValue()).isEqualTo("CONSENT, LEGITIMATE_INTERESTS");
        assertThat(found.get(1)).isEqualTo(new Disagreement("retention", "P3Y", "P2Y",
                "the activity keeps 'email' for 'P2Y', the purpose for P3Y"));
        assertThat(found.get(3).purposeValue()).isEqualTo("postal address");
    }
}
