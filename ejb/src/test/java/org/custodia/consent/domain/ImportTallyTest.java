package org.custodia.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The counts a bulk import writes with every batch. */
class ImportTallyTest {

    static ImportLine.Problem problem(long line) {
        return new ImportLine.Problem(line, "noticeVersion", "the purpose has no notice version 9");
    }

    @Test
    void linesRejectedWhenTheirBatchIsWrittenStayRejectedAfterLaterBatches() {
        ImportTally tally = new ImportTally();
        for (int i = 0; i < 10; i++) {
            tally.recordRead();
        }
        tally.reject(new ImportLine.Problem(3, "action", "must be grant or withdraw"));
        ImportTally.BatchResult first = new ImportTally.BatchResult(7, List.of(problem(5), problem(6)));
        ImportTally.Snapshot firstProgress = tally.after(first);
        assertThat(firstProgress.imported()).isEqualTo(7);
        assertThat(firstProgress.rejected()).isEqualTo(3);
        tally.add(first);

        for (int i = 0; i < 4; i++) {
            tally.recordRead();
        }
        ImportTally.BatchResult second = new ImportTally.BatchResult(3, List.of(problem(12)));
        ImportTally.Snapshot last = tally.after(second);
        assertThat(last.read()).isEqualTo(14);
        assertThat(last.imported()).isEqualTo(10);
        // the first batch's two late rejections are still counted and listed
        assertThat(last.rejected()).isEqualTo(4);
        assertThat(last.errors()).extracting(ImportLine.Problem::line).containsExactly(3L, 5L, 6L, 12L);
        assertThat(last.imported() + last.rejected()).isEqualTo(last.read());
        tally.add(second);
        assertThat(tally.rejected()).isEqualTo(4);
        assertThat(tally.imported()).isEqualTo(10);
    }

    @Test
    void atMostAThousandProblemsAreListedButAllAreCounted() {
        ImportTally tally = new ImportTally();
        for (int i = 1; i <= 1_200; i++) {
            tally.recordRead();
            tally.reject(problem(i));
        }
        ImportTally.Snapshot s = tally.after(new ImportTally.BatchResult(0, List.of(problem(1_201))));
        assertThat(s.rejected()).isEqualTo(1_201);
        assertThat(s.errors()).hasSize(ImportTally.MAX_REPORTED_ERRORS);
    }
}
