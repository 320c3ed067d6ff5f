package org.custodia.consent.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.custodia.consent.infrastructure.ConsentEventRepository;
import org.junit.jupiter.api.Test;

/** An export line names a notice and its hash, an end and an ended event only when the event has them. */
class ConsentExportTest {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aPlainEventCarriesOnlyItsOwnFields() {
        String line = ConsentExport.line(new ConsentEventRepository.LedgerEntry("e-1", "s-1", "news", 1, "WITHDRAWN", "api", AT,
                null, null, null, null)).toString();
        assertThat(line).isEqualTo("{\"id\":\"e-1\",\"subject\":\"s-1\",\"purpose\":\"news\",\"purposeVersion\":1,"
                + "\"decision\":\"WITHDRAWN\",\"source\":\"api\",\"recordedAt\":\"2026-01-01T00:00:00Z\"}");
    }

    @Test
    void noticeExpiryAndEndedEventAppearWhenPresent() {
        String line = ConsentExport.line(new ConsentEventRepository.LedgerEntry("e-2", "s-1", "news", 2, "EXPIRED", "api", AT,
                3, "abc", AT.plusSeconds(1), "e-1")).toString();
        assertThat(line).endsWith("\"recordedAt\":\"2026-01-01T00:00:00Z\",\"noticeVersion\":3,\"noticeHash\":\"abc\","
                + "\"expiresAt\":\"2026-01-01T00:00:01Z\",\"ends\":\"e-1\"}");
    }
}
