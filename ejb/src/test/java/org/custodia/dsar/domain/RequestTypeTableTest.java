package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/request-types.md publishes which request types each law gives: its table is exactly {@link RequestTypes}. */
class RequestTypeTableTest {

    static final Path DOC = Path.of("..").toAbsolutePath().normalize().resolve("docs/request-types.md");
    static final String BEGIN = "<!-- request types: generated from org.custodia.dsar.domain.RequestTypes by RequestTypeTableTest -->";
    static final String END = "<!-- end of request types -->";

    @Test
    void theDocumentedTableIsTheCode() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/request-types.md has the table markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String table = doc.substring(begin + BEGIN.length(), end).strip();
        assertThat(table).as("docs/request-types.md table; expected:%n%s%n", expectedTable()).isEqualTo(expectedTable());
    }

    /** The README's short overview cannot fall behind the code: it names every type and jurisdiction. */
    @Test
    void theReadmeNamesEveryTypeAndJurisdiction() throws IOException {
        String readme = Files.readString(DOC.getParent().getParent().resolve("README.md"));
        String glance = readme.substring(readme.indexOf("## Data subject requests at a glance"));
        glance = glance.substring(0, glance.indexOf("\n## ", 5));
        for (DsarType t : DsarType.values()) {
            assertThat(glance).as("README \"at a glance\" names type %s", t).contains("`" + t.name() + "`");
        }
        for (Jurisdiction j : Jurisdiction.values()) {
            assertThat(glance).as("README \"at a glance\" has a row for %s", j).contains("| `" + j.name() + "` |");
        }
    }

    static String expectedTable() {
        StringBuilder t = new StringBuilder("| type |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Jurisdiction j : Jurisdiction.values()) {
            t.append(" `").append(j.name()).append("` |");
            rule.append("---|");
        }
        t.append('\n').append(rule).append('\n');
        t.append("| law |");
        for (Jurisdiction j : Jurisdiction.values()) {
            t.append(' ').append(RequestTypes.law(j)).append(" |");
        }
        t.append('\n');
        for (DsarType type : DsarType.values()) {
            t.append("| `").append(type.name()).append("` |");
            for (Jurisdiction j : Jurisdiction.values()) {
                t.append(' ').append(RequestTypes.source(j, type).orElse("—")).append(" |");
            }
            t.append('\n');
        }
        return t.toString().strip();
    }
}
