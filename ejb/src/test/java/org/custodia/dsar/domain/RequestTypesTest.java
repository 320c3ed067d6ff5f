package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.dsar.domain.DsarType.*;

import org.junit.jupiter.api.Test;

class RequestTypesTest {

    @Test
    void appealsOnlyWhereAUsStateLawRequiresAnAppealProcess() {
        assertThat(RequestTypes.allowed(Jurisdiction.US_VA_VCDPA, APPEAL)).isTrue();
        assertThat(RequestTypes.allowed(Jurisdiction.US_CO_CPA, APPEAL)).isTrue();
        for (Jurisdiction j : new Jurisdiction[] {Jurisdiction.US_CA_CCPA, Jurisdiction.EU_GDPR, Jurisdiction.UK_GDPR,
                Jurisdiction.BR_LGPD, Jurisdiction.IN_DPDPA, Jurisdiction.CA_PIPEDA}) {
            assertThat(RequestTypes.allowed(j, APPEAL)).as(j.name()).isFalse();
        }
    }

    @Test
    void nominationOnlyUnderTheDpdpa() {
        for (Jurisdiction j : Jurisdiction.values()) {
            assertThat(RequestTypes.allowed(j, NOMINATION)).as(j.name()).isEqualTo(j == Jurisdiction.IN_DPDPA);
        }
        assertThat(RequestTypes.source(Jurisdiction.IN_DPDPA, NOMINATION)).contains("s. 14");
    }

    @Test
    void optOutOfSaleOnlyUnderUsLawsAndLimitingSensitiveDataOnlyUnderTheCcpa() {
        for (Jurisdiction j : Jurisdiction.values()) {
            assertThat(RequestTypes.allowed(j, OPT_OUT_OF_SALE_OR_SHARING)).as(j.name()).isEqualTo(j.name().startsWith("US_"));
            assertThat(RequestTypes.allowed(j, LIMIT_SENSITIVE_DATA_USE)).as(j.name()).isEqualTo(j == Jurisdiction.US_CA_CCPA);
        }
    }

    @Test
    void gdprGivesArticles15To21AndNoUsStyleRights() {
        assertThat(RequestTypes.rights(Jurisdiction.EU_GDPR)).extracting(RequestTypes.Right::type)
                .containsExactly(ACCESS, ERASURE, RECTIFICATION, PORTABILITY, RESTRICTION, OBJECTION);
        assertThat(RequestTypes.source(Jurisdiction.EU_GDPR, RESTRICTION)).contains("Art. 18");
        assertThat(RequestTypes.source(Jurisdiction.EU_GDPR, OPT_OUT_OF_SALE_OR_SHARING)).isEmpty();
    }

    @Test
    void everyJurisdictionKnowsAccessAndRectificationAndEverySourceIsNamed() {
        for (Jurisdiction j : Jurisdiction.values()) {
            assertThat(RequestTypes.allowed(j, ACCESS)).as(j.name()).isTrue();
            assertThat(RequestTypes.allowed(j, RECTIFICATION)).as(j.name()).isTrue();
            assertThat(RequestTypes.law(j)).as(j.name()).isNotBlank();
            RequestTypes.rights(j).forEach(r -> assertThat(r.source()).as(j + " " + r.type()).isNotBlank());
        }
    }

    @Test
    void aRefusalNamesTheTypeTheLawAndWhatItAllows() {
        String reason = RequestTypes.refusal(Jurisdiction.BR_LGPD, APPEAL);
        assertThat(reason).contains("APPEAL", "LGPD", "Lei 13.709/2018", "[ACCESS, ERASURE, RECTIFICATION, PORTABILITY, RESTRICTION, OBJECTION]");
    }
}
