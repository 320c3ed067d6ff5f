package org.custodia.ropa.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.custodia.ropa.domain.Art30Completeness.Gap;
import org.custodia.ropa.domain.ProcessingRecord.DataCategory;
import org.custodia.ropa.domain.ProcessingRecord.LawfulBasis;
import org.custodia.ropa.domain.ProcessingRecord.Party;
import org.custodia.ropa.domain.ProcessingRecord.Purpose;
import org.custodia.ropa.domain.ProcessingRecord.Role;
import org.custodia.ropa.domain.ProcessingRecord.Transfer;
import org.custodia.ropa.domain.ProcessingRecord.TransferMechanism;
import org.junit.jupiter.api.Test;

class Art30CompletenessTest {

    static final Party CONTROLLER = new Party("Acme GmbH", "privacy@acme.example, Hauptstr. 1, Berlin");

    /** A payroll activity with every Art. 30(1) point filled in. */
    static ProcessingRecord payroll(List<Transfer> transfers) {
        return new ProcessingRecord(Role.CONTROLLER, "Payroll", CONTROLLER, List.of(), null, false,
                new Party("Dr. Data", "dpo@acme.example"), true,
                List.of(new Purpose("paying salaries", LawfulBasis.CONTRACT), new Purpose("tax reporting", LawfulBasis.LEGAL_OBLIGATION)),
                List.of("employees"), List.of(new DataCategory("bank details", false, "10 years after the tax year (§ 147 AO)"),
                        new DataCategory("health (sick notes)", true, "end of employment + 3 years")),
                List.of("tax office", "payroll provider"), false, transfers, "role-based access, encryption at rest, logging", null,
                List.of(), List.of());
    }

    static List<String> fields(List<Gap> gaps) {
        return gaps.stream().map(Gap::field).toList();
    }

    @Test
    void aCompleteControllerRecordHasNoGaps() {
        assertThat(Art30Completeness.gaps(payroll(List.of(new Transfer("US", "payroll provider Inc.", TransferMechanism.SCC, 2,
                "TIA-2026-04", null))))).isEmpty();
    }

    @Test
    void eachMissingPointIsNamedWithItsArticle() {
        ProcessingRecord bare = new ProcessingRecord(Role.CONTROLLER, "Marketing", new Party("Acme GmbH", null), List.of(), null, true,
                null, false, List.of(new Purpose("newsletter", null)), List.of(), List.of(new DataCategory("email", false, " ")),
                List.of(), false, List.of(), null, null, List.of(), List.of());
        List<Gap> gaps = Art30Completeness.gaps(bare);
        assertThat(fields(gaps)).containsExactly("controller.contact", "representative.name", "representative.contact",
                "purposes[0].lawfulBasis", "dataSubjectCategories", "dataCategories[0].retention", "recipients", "securityMeasures");
        assertThat(gaps).filteredOn(g -> g.field().equals("dataCategories[0].retention")).singleElement()
                .extracting(Gap::article).isEqualTo("Art. 30(1)(f)");
        assertThat(fields(gaps)).as("no DPO designated: none asked for").doesNotContain("dpo.name");
    }

    @Test
    void aLinkedRetentionPolicyGivesTheTimeLimitForErasure() {
        ProcessingRecord r = payroll(List.of());
        ProcessingRecord linked = new ProcessingRecord(r.role(), r.name(), r.controller(), r.jointControllers(), r.representative(),
                r.representativeRequired(), r.dpo(), r.dpoDesignated(), r.purposes(), r.dataSubjectCategories(),
                List.of(new DataCategory("bank details", false, null, "tax-10y"), new DataCategory("health", true, " ", " ")),
                r.recipients(), false, r.transfers(), r.securityMeasures(), null, List.of(), List.of());
        assertThat(fields(Art30Completeness.gaps(linked))).as("a blank policy key is no policy").containsExactly("dataCategories[1].retention");
    }

    @Test
    void statingThereAreNoRecipientsIsAnAnswer() {
        ProcessingRecord r = payroll(List.of());
        ProcessingRecord none = new ProcessingRecord(r.role(), r.name(), r.controller(), r.jointControllers(), r.representative(),
                r.representativeRequired(), r.dpo(), r.dpoDesignated(), r.purposes(), r.dataSubjectCategories(), r.dataCategories(),
                List.of(), true, r.transfers(), r.securityMeasures(), null, List.of(), List.of());
        assertThat(Art30Completeness.gaps(none)).isEmpty();
    }

    @Test
    void transfersNeedTheirMechanismAndWhatItAsksFor() {
        List<Gap> gaps = Art30Completeness.gaps(payroll(List.of(
                new Transfer("US", "cloud Inc.", TransferMechanism.SCC, null, null, null),
                new Transfer("IN", "support Ltd", TransferMechanism.DEROGATION, null, null, " "),
                new Transfer("CH", "bank AG", TransferMechanism.ADEQUACY, null, null, null),
                new Transfer(null, "group entity", null, null, null, null))));
        assertThat(fields(gaps)).containsExactly("transfers[0].sccModule", "transfers[0].assessmentReference", "transfers[1].safeguards",
                "transfers[3].country", "transfers[3].mechanism");
    }

    @Test
    void aProcessorRecordFollowsArticle30Point2() {
        ProcessingRecord processor = new ProcessingRecord(Role.PROCESSOR, "Hosting for clients", null, List.of(), null, false, null, false,
                List.of(), List.of(), List.of(), List.of(), false, List.of(), "ISO 27001 certified data centre",
                new Party("Hostco", "dpa@hostco.example"), List.of(new Party("Acme GmbH", null)), List.of("storage", "backup"));
        assertThat(Art30Completeness.gaps(processor)).extracting(Gap::field, Gap::article)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("controllersServed[0].contact", "Art. 30(2)(a)"));
    }
}
