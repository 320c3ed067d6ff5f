package org.custodia.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Column widths with the monospaced measure of {@link LineBreakerTest} (5 pt a character, 6 in bold) and
 * 4 pt of padding each side, on A4 portrait (495 pt between margins) and landscape (742 pt).
 */
class TableLayoutTest {

    static final float PORTRAIT = 495;
    static final float LANDSCAPE = 742;
    static final float PADDING = 8;
    static final String UUID = LineBreakerTest.UUID;
    static final String HASH = LineBreakerTest.HASH;

    private final TableLayout layout = new TableLayout(LineBreakerTest.MONO, 4);

    @Test
    void aNarrowTableStaysPortraitAndEveryColumnGetsAtLeastItsNaturalWidth() {
        TableLayout.Plan plan = layout.plan(List.of("Purpose", "Name", "Grants"),
                List.of(List.of("purpose-1", "Marketing email", "7"), List.of("purpose-12", "Newsletter", "84")), PORTRAIT,
                LANDSCAPE);
        assertThat(plan.landscape()).isFalse();
        assertThat(plan.total()).isCloseTo(PORTRAIT, within(0.01f));
        assertThat(plan.widths()[0]).isGreaterThanOrEqualTo(10 * 5 + PADDING);
        assertThat(plan.widths()[1]).isGreaterThanOrEqualTo(15 * 5 + PADDING);
        assertThat(plan.widths()[2]).isGreaterThanOrEqualTo(6 * 6 + PADDING); // "Grants" in bold
    }

    @Test
    void proseWrapsInPortraitWhileShortColumnsKeepTheirWidth() {
        String description = String.join(" ", Collections.nCopies(20, "words")); // 119 characters
        TableLayout.Plan plan = layout.plan(List.of("Id", "Description"), List.of(List.of("PA-1001", description)),
                PORTRAIT, LANDSCAPE);
        assertThat(plan.landscape()).isFalse();
        assertThat(plan.widths()[0]).isGreaterThanOrEqualTo(7 * 5 + PADDING);
        assertThat(plan.widths()[1]).isLessThan(description.length() * 5 + PADDING).isGreaterThan(plan.widths()[0]);
    }

    @Test
    void manyColumnsThatFitOnlyLandscapeComfortablyGoLandscape() {
        List<String> row = Collections.nCopies(8, "fifteen letters");
        TableLayout.Plan plan = layout.plan(Collections.nCopies(8, "Column"), List.of(row), PORTRAIT, LANDSCAPE);
        assertThat(plan.landscape()).isTrue();
        assertThat(plan.total()).isCloseTo(LANDSCAPE, within(0.01f));
        for (float width : plan.widths()) {
            assertThat(width).isGreaterThanOrEqualTo(15 * 5 + PADDING);
        }
    }

    @Test
    void theAuditExportGoesLandscapeKeepingUuidsWholeAndTakingHashesApartInGroups() {
        List<String> header = List.of("Seq", "Recorded at", "Event", "Entity", "Actor", "Hash");
        List<List<String>> rows = List.of(
                List.of("1001", "2026-11-23T10:30:00.123456Z", "consent.notice.published", "consent_notice " + UUID,
                        "user:" + UUID, HASH),
                List.of("1002", "2026-11-23T10:31:00.123456Z", "user.signed_in", "user " + UUID, "user:" + UUID, HASH));
        TableLayout.Plan plan = layout.plan(header, rows, PORTRAIT, LANDSCAPE);
        assertThat(plan.landscape()).isTrue();
        assertThat(plan.total()).isCloseTo(LANDSCAPE, within(0.01f));
        float[] widths = plan.widths();
        // whole, the words would need 26 + 143 + 128 + 188 + 213 + 328 = 1026 pt: more than landscape
        assertThat(widths[3]).as("Entity holds a UUID").isGreaterThanOrEqualTo(36 * 5 + PADDING);
        assertThat(widths[4]).as("Actor holds a UUID after user:").isGreaterThanOrEqualTo(36 * 5 + PADDING);
        assertThat(widths[5]).as("Hash holds a group of 16, not all 64").isGreaterThanOrEqualTo(16 * 5 + PADDING)
                .isLessThan(64 * 5 + PADDING);
        LineBreaker breaker = new LineBreaker(LineBreakerTest.MONO);
        assertThat(breaker.wrap("consent_notice " + UUID, false, widths[3] - PADDING)).contains(UUID);
        for (String line : breaker.wrap(HASH, false, widths[5] - PADDING)) {
            assertThat(line.length() % 16).isZero();
        }
    }

    @Test
    void aTableTooWideEvenTakenApartShrinksToTheLine() {
        List<String> row = Collections.nCopies(12, HASH);
        TableLayout.Plan plan = layout.plan(Collections.nCopies(12, "H"), List.of(row), PORTRAIT, LANDSCAPE);
        assertThat(plan.landscape()).isTrue();
        assertThat(plan.total()).isCloseTo(LANDSCAPE, within(0.01f));
    }

    @Test
    void keyValuesKeepTheirLabelsWholeInBoldAndGiveTheRestToValues() {
        TableLayout.Plan plan = layout.planWithin(List.of(), List.of(List.of("Head sequence", "1042"),
                List.of("Head hash", HASH)), true, PORTRAIT);
        assertThat(plan.landscape()).isFalse();
        assertThat(plan.widths()[0]).isGreaterThanOrEqualTo(13 * 6 + PADDING);
        assertThat(plan.widths()[1]).isGreaterThan(plan.widths()[0]);
        assertThat(plan.total()).isCloseTo(PORTRAIT, within(0.01f));
    }
}
