package org.custodia.ropa.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.custodia.ropa.domain.ActivityContent.DataFlow;
import org.custodia.ropa.domain.ProcessingRecord.DataCategory;
import org.custodia.ropa.domain.ProcessingRecord.LawfulBasis;
import org.custodia.ropa.domain.ProcessingRecord.Party;
import org.custodia.ropa.domain.ProcessingRecord.Purpose;
import org.custodia.ropa.domain.ProcessingRecord.Role;
import org.custodia.ropa.domain.ProcessingRecord.Transfer;
import org.custodia.ropa.domain.ProcessingRecord.TransferMechanism;
import org.custodia.ropa.domain.RegisterSheet.Problem;
import org.junit.jupiter.api.Test;

class RegisterSheetTest {

    /** Every column used, with texts holding the characters the cells give a meaning to. */
    static ActivityContent awkward() {
        ProcessingRecord r = new ProcessingRecord(Role.CONTROLLER, "Payroll | pensions", new Party("Acme GmbH", "privacy@acme.example\nHauptstr. 1"),
                List.of(new Party("Acme Holding", "dpo@holding.example"), new Party("Acme Pensions", null)), new Party("Rep Ltd", "rep@x.example"),
                true, new Party("Dr. Data", "dpo@acme.example"), true,
                List.of(new Purpose("paying salaries", LawfulBasis.CONTRACT), new Purpose("tax \\ reporting", LawfulBasis.LEGAL_OBLIGATION),
                        new Purpose("not yet decided", null)),
                List.of("employees", "former employees"),
                List.of(new DataCategory("bank details", false, "10 years | after the tax year", "tax-10y"),
                        new DataCategory("health", true, null), new DataCategory("sick notes", true, null, "hr.sick-notes")),
                List.of("tax office", "pension fund"), false,
                List.of(new Transfer("US", "Payroll SaaS Inc.", TransferMechanism.SCC, 2, "TIA-7", null),
                        new Transfer("IN", "support", TransferMechanism.DEROGATION, null, null, "explicit consent, line 1\nline 2")),
                "encryption at rest,\nrole-based access | logging", null, List.of(), List.of());
        return new ActivityContent("Monthly salaries,\n\"quoted\" and 'single'", r, List.of("HR system", "Payroll SaaS"),
                List.of(new DataFlow("HR system", "Payroll SaaS", List.of("bank details", "health"), "nightly export"),
                        new DataFlow("Payroll SaaS", "tax office", List.of(), null)));
    }

    @Test
    void anExportedRowReadsBackAsTheSameEntry() {
        ActivityContent content = awkward();
        List<String> header = RegisterSheet.header();
        List<String> row = RegisterSheet.cells(new RegisterSheet.ExportRow("PA-001", "owner@acme.example", LocalDate.of(2027, 6, 30),
                ActivityStatus.APPROVED, 3, 2, 0, content));
        List<Problem> problems = new ArrayList<>();
        Map<RegisterColumn, Integer> columns = RegisterSheet.columns(header, problems);
        RegisterSheet.ImportRow read = RegisterSheet.read(2, columns, row, problems);
        assertThat(problems).isEmpty();
        assertThat(read.reference()).isEqualTo("PA-001");
        assertThat(read.ownerEmail()).isEqualTo("owner@acme.example");
        assertThat(read.reviewDue()).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(read.content()).isEqualTo(content);
        assertThat(read.exportedVersion()).as("the version the export wrote").isEqualTo(3);
        assertThat(row.get(RegisterColumn.PURPOSES.ordinal()))
                .isEqualTo("paying salaries | CONTRACT\ntax \\\\ reporting | LEGAL_OBLIGATION\nnot yet decided");
        assertThat(row.get(RegisterColumn.STATUS.ordinal())).isEqualTo("APPROVED");
    }

    @Test
    void aProcessorRecordReadsBackToo() {
        ProcessingRecord r = new ProcessingRecord(Role.PROCESSOR, "Hosting", null, List.of(), null, false, null, false, List.of(), List.of(),
                List.of(), List.of(), true, List.of(), "ISO 27001", new Party("Hostco", "dpa@hostco.example"),
                List.of(new Party("Acme GmbH", "privacy@acme.example")), List.of("storage", "backup"));
        ActivityContent content = new ActivityContent(null, r, List.of(), List.of());
        List<String> row = RegisterSheet.cells(new RegisterSheet.ExportRow("H-1", null, null, ActivityStatus.DRAFT, 1, null, 0, content));
        List<Problem> problems = new ArrayList<>();
        RegisterSheet.ImportRow read = RegisterSheet.read(7, RegisterSheet.columns(RegisterSheet.header(), problems), row, problems);
        assertThat(problems).isEmpty();
        assertThat(read.content()).isEqualTo(content);
        assertThat(read.ownerEmail()).isNull();
    }

    @Test
    void everyProblemOfARowIsNamedWithItsLineAndColumn() {
        List<Problem> problems = new ArrayList<>();
        Map<RegisterColumn, Integer> columns = RegisterSheet.columns(RegisterSheet.header(), problems);
        List<String> row = new ArrayList<>(RegisterSheet.cells(new RegisterSheet.ExportRow("PA-9", null, null, ActivityStatus.DRAFT, 1,
                null, 0, awkward())));
        row.set(RegisterColumn.ROLE.ordinal(), "BOSS");
        row.set(RegisterColumn.REVIEW_DUE.ordinal(), "30.06.2027");
        row.set(RegisterColumn.DPO_DESIGNATED.ordinal(), "maybe");
        row.set(RegisterColumn.PURPOSES.ordinal(), "marketing | CONSENT\nanalytics | HUNCH");
        row.set(RegisterColumn.TRANSFERS.ordinal(), "US | cloud | SCC | two");
        row.set(RegisterColumn.DATA_SUBJECT_CATEGORIES.ordinal(), "employees | contractors");
        row.set(RegisterColumn.REFERENCE.ordinal(), " ");
        assertThat(RegisterSheet.read(14, columns, row, problems)).isNull();
        assertThat(problems).extracting(Problem::line).containsOnly(14);
        assertThat(problems).extracting(Problem::field).containsExactly("role", "dpo_designated", "purposes", "data_subject_categories",
                "transfers", "review_due", "reference");
        assertThat(problems.get(2).reason()).startsWith("item 2: 'HUNCH' is not one of");
    }

    @Test
    void theHeaderMustNameTheColumns() {
        List<Problem> problems = new ArrayList<>();
        List<String> header = new ArrayList<>(RegisterSheet.header());
        header.remove("systems");
        header.add("colour");
        header.add("Name");
        RegisterSheet.columns(header, problems);
        assertThat(problems).extracting(Problem::line).containsOnly(1);
        assertThat(problems).extracting(Problem::field).containsExactly("colour", "name", "systems");
    }
}
