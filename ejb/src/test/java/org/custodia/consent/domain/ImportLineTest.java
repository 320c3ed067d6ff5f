package org.custodia.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** One import record validated into a line or the problem naming its field. */
class ImportLineTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Map<String, Object> PURPOSES = Map.of("news", "p");

    static ParsedLine parse(Map<String, String> fields) {
        Function<String, String> field = fields::get;
        return ImportLine.parse(7, field, PURPOSES, NOW);
    }

    static String problem(Map<String, String> fields) {
        ParsedLine parsed = parse(fields);
        assertThat(parsed).isInstanceOf(ImportLine.Problem.class);
        ImportLine.Problem p = (ImportLine.Problem) parsed;
        assertThat(p.line()).isEqualTo(7);
        return p.field();
    }

    @Test
    void aGoodRecordIsALine() {
        ParsedLine parsed = parse(Map.of("subject", "s-1", "purpose", "news", "action", "grant",
                "recordedAt", "2026-01-01T00:00:00Z", "noticeVersion", "2", "expiresAt", "2027-01-01T00:00:00Z"));
        assertThat(parsed).isEqualTo(new ImportLine(7, "s-1", "news", ConsentDecision.GRANTED,
                Instant.parse("2026-01-01T00:00:00Z"), 2, Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(((ImportLine) parse(Map.of("subject", "s", "purpose", "news", "action", "withdraw"))).recordedAt())
                .isEqualTo(NOW);
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThat(problem(Map.of("purpose", "news", "action", "grant"))).isEqualTo("subject");
        assertThat(problem(Map.of("subject", "s", "purpose", "nope", "action", "grant"))).isEqualTo("purpose");
        assertThat(problem(Map.of("subject", "s", "purpose", "news", "action", "maybe"))).isEqualTo("action");
        assertThat(problem(Map.of("subject", "s", "purpose", "news", "action", "grant", "recordedAt", "2999-01-01T00:00:00Z")))
                .isEqualTo("recordedAt");
        assertThat(problem(Map.of("subject", "s", "purpose", "news", "action", "grant", "recordedAt", "yesterday")))
                .isEqualTo("recordedAt");
        assertThat(problem(Map.of("subject", "s", "purpose", "news", "action", "withdraw", "expiresAt", "2027-01-01T00:00:00Z")))
                .isEqualTo("expiresAt");
        assertThat(problem(Map.of("subject", "s", "purpose", "news", "action", "grant", "noticeVersion", "two")))
                .isEqualTo("noticeVersion");
    }

    @Test
    void nulAndLoneSurrogatesAreRefusedNotStoredAsSomethingElse() {
        assertThat(problem(Map.of("subject", "s-\u00001", "purpose", "news", "action", "grant"))).isEqualTo("subject");
        assertThat(problem(Map.of("subject", "s-\ud800", "purpose", "news", "action", "grant"))).isEqualTo("subject");
        assertThat(problem(Map.of("subject", "s", "purpose", "news", "action", "grant", "recordedAt", "\udc00")))
                .isEqualTo("recordedAt");
        // a pair is a character like any other
        assertThat(parse(Map.of("subject", "s-\ud83d\ude00", "purpose", "news", "action", "grant"))).isInstanceOf(ImportLine.class);
    }
}
