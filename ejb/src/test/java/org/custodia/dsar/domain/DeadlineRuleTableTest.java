package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/deadlines.md publishes the rules: its table is exactly what {@link DsarDeadlinePolicy#rule} encodes. */
class DeadlineRuleTableTest {

    static final Path DOC = Path.of("..").toAbsolutePath().normalize().resolve("docs/deadlines.md");
    static final String BEGIN = "<!-- deadline rules: generated from org.custodia.dsar.domain.DsarDeadlinePolicy by DeadlineRuleTableTest -->";
    static final String END = "<!-- end of deadline rules -->";

    @Test
    void theDocumentedTableIsTheCode() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/deadlines.md has the table markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String table = doc.substring(begin + BEGIN.length(), end).strip();
        assertThat(table).as("docs/deadlines.md rule table; expected:%n%s%n", expectedTable()).isEqualTo(expectedTable());
    }

    static String expectedTable() {
        StringBuilder t = new StringBuilder("| jurisdiction (type) | source | period | last day on a non-working day | extension | acknowledgement | stop the clock |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Jurisdiction j : Jurisdiction.values()) {
            row(t, "`" + j.name() + "`", DsarDeadlinePolicy.rule(j));
        }
        // types whose law sets a period of their own
        for (Jurisdiction j : Jurisdiction.values()) {
            for (DsarType type : DsarType.values()) {
                DeadlineRule own = DsarDeadlinePolicy.rule(j, type);
                if (!own.equals(DsarDeadlinePolicy.rule(j))) {
                    row(t, "`" + j.name() + "` `" + type.name() + "`", own);
                }
            }
        }
        return t.toString().strip();
    }

    private static void row(StringBuilder t, String what, DeadlineRule r) {
        t.append("| ").append(what).append(" | ").append(r.source()).append(" | ")
                    .append(r.periodInWords()).append(" | ")
                    .append(r.endOnNonWorkingDay().shown).append(" | ")
                    .append(r.extensionInWords()).append(" | ")
                    .append(r.acknowledgementBusinessDays() > 0 ? "within " + r.acknowledgementBusinessDays() + " business days" : "not required").append(" | ")
                    .append(r.stopTheClockInWords()).append(" |\n");
    }
}
