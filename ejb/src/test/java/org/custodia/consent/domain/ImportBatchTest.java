package org.custodia.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** An import batch made ready to write: each line's notice and hash, lines naming a missing notice rejected by number. */
class ImportBatchTest {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    static final UUID NEWS = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID PLAIN = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final Map<String, ImportPurpose> PURPOSES = Map.of(
            "news", new ImportPurpose(NEWS, 3, 2, Map.of(1, "h1", 2, "h2")),
            "plain", new ImportPurpose(PLAIN, 1, null, Map.of()));

    final AtomicInteger issued = new AtomicInteger();
    final Supplier<UUID> ids = () -> new UUID(0, issued.incrementAndGet());

    static ImportLine line(long n, String purpose, ConsentDecision decision, Integer notice) {
        return new ImportLine(n, "s-" + n, purpose, decision, AT, notice, null);
    }

    @Test
    void aGrantTakesTheNoticeItNamesOrElseThePurposesCurrentOneWithItsHash() {
        ImportBatch batch = ImportBatch.of(List.of(line(2, "news", ConsentDecision.GRANTED, 1), line(3, "news", ConsentDecision.GRANTED, null)),
                PURPOSES, ids);
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.rows()).extracting(ImportBatch.Row::noticeVersion).containsExactly(1, 2);
        assertThat(batch.rows()).extracting(ImportBatch.Row::noticeHash).containsExactly("h1", "h2");
        assertThat(batch.rows().get(0).purposeId()).isEqualTo(NEWS);
        assertThat(batch.rows().get(0).purposeVersion()).isEqualTo(3);
    }

    @Test
    void aWithdrawalAndAGrantOnAPurposeWithoutNoticeNameNone() {
        ImportBatch batch = ImportBatch.of(List.of(line(2, "news", ConsentDecision.WITHDRAWN, 2), line(3, "plain", ConsentDecision.GRANTED, null)),
                PURPOSES, ids);
        assertThat(batch.rows()).extracting(ImportBatch.Row::noticeVersion).containsOnlyNulls();
        assertThat(batch.rows()).extracting(ImportBatch.Row::noticeHash).containsOnlyNulls();
    }

    @Test
    void aLineNamingANoticeThePurposeDoesNotHaveIsRejectedByNumberAndNotWritten() {
        ImportBatch batch = ImportBatch.of(List.of(line(2, "news", ConsentDecision.GRANTED, 9), line(3, "plain", ConsentDecision.GRANTED, 1),
                line(4, "news", ConsentDecision.GRANTED, null)), PURPOSES, ids);
        assertThat(batch.rejected()).containsExactly(
                new ImportLine.Problem(2, "noticeVersion", "the purpose has no notice version 9"),
                new ImportLine.Problem(3, "noticeVersion", "the purpose has no notice version 1"));
        assertThat(batch.rows()).extracting(ImportBatch.Row::subjectId).containsExactly("s-4");
        assertThat(issued.get()).as("event ids only for rows written").isEqualTo(1);
    }

    @Test
    void eachRowMovesTheProjectionWithItsOwnEventAndTimes() {
        ImportBatch batch = ImportBatch.of(List.of(new ImportLine(5, "s-5", "news", ConsentDecision.GRANTED, AT, null,
                AT.plusSeconds(60))), PURPOSES, ids);
        ImportBatch.Row row = batch.rows().get(0);
        assertThat(batch.changes()).containsExactly(new StateChange(row.eventId(), "s-5", NEWS, 3, ConsentDecision.GRANTED, AT, 2,
                AT.plusSeconds(60)));
    }
}
