package org.custodia.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AuditEventHasherTest {

    static final UUID TENANT = UUID.fromString("0b6f6b0e-6f4c-4a57-9d0e-3c1f1f6b7a10");
    static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456789Z");

    static AuditRecord record(String payload, String actor) {
        return new AuditRecord(TENANT, 7, "consent.granted", "consent_event", "e-1", actor, "req-1", payload,
                AuditEventHasher.GENESIS_HASH, AT);
    }

    @Test
    void canonicalJsonSortsKeysAndNormalisesNumbersAndWhitespace() {
        assertThat(AuditEventHasher.canonicalize("{ \"b\": 1.0, \"a\": [true, null, \"\\u00e9\"] }"))
                .isEqualTo("{\"a\":[true,null,\"é\"],\"b\":1}");
    }

    @Test
    void theHashIsStableUnderKeyOrderAndJsonbWhitespace() {
        // PostgreSQL's jsonb gives the payload back re-spaced and re-ordered; the hash must not change
        assertThat(AuditEventHasher.hash(record("{\"purpose\":\"ads\",\"version\":1}", "api_key:1")))
                .isEqualTo(AuditEventHasher.hash(record("{\"version\": 1, \"purpose\": \"ads\"}", "api_key:1")))
                .hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void everyFieldTakesPartInTheHash() {
        String base = AuditEventHasher.hash(record("{\"purpose\":\"ads\"}", "api_key:1"));
        assertThat(AuditEventHasher.hash(record("{\"purpose\":\"adz\"}", "api_key:1"))).isNotEqualTo(base);
        assertThat(AuditEventHasher.hash(record("{\"purpose\":\"ads\"}", "api_key:2"))).isNotEqualTo(base);
        AuditRecord r = record("{\"purpose\":\"ads\"}", "api_key:1");
        assertThat(AuditEventHasher.hash(new AuditRecord(r.tenantId(), 8, r.eventType(), r.entityType(), r.entityId(),
                r.actor(), r.requestId(), r.canonicalPayload(), r.previousHash(), r.createdAt()))).isNotEqualTo(base);
        assertThat(AuditEventHasher.hash(new AuditRecord(r.tenantId(), r.seq(), r.eventType(), r.entityType(),
                r.entityId(), r.actor(), r.requestId(), r.canonicalPayload(), "1".repeat(64), r.createdAt())))
                .isNotEqualTo(base);
        assertThat(AuditEventHasher.hash(new AuditRecord(r.tenantId(), r.seq(), r.eventType(), r.entityType(),
                r.entityId(), r.actor(), r.requestId(), r.canonicalPayload(), r.previousHash(),
                r.createdAt().plusNanos(1000)))).isNotEqualTo(base);
    }

    @Test
    void theDatabaseFillingInHashAndSequenceAsPlainTextGetsTheSameDocument() {
        // what app.chain_audit_events (V29) concatenates: before || '"' || hex || '"' || beforeSeq || seq || after
        AuditRecord r = new AuditRecord(TENANT, 123_456_789_012L, "dsar.created", "dsar", "d-\"1\"", "user:ü", null,
                "{\"note\":\"a\\nb\",\"n\":2}", "ab".repeat(32), AT);
        AuditEventHasher.DocumentParts parts = AuditEventHasher.documentParts(r.tenantId(), r.eventType(), r.entityType(),
                r.entityId(), r.actor(), r.requestId(), r.canonicalPayload(), r.createdAt());
        String asTheDatabaseWritesIt = parts.beforePreviousHash() + '"' + r.previousHash() + '"' + parts.beforeSeq()
                + r.seq() + parts.afterSeq();
        assertThat(asTheDatabaseWritesIt).isEqualTo(AuditEventHasher.canonicalDocument(r))
                .isEqualTo(AuditEventHasher.canonicalize(asTheDatabaseWritesIt));
    }

    @Test
    void timestampsAreHashedAtTheMicrosecondsPostgreSQLStores() {
        AuditRecord r = record("{}", "a");
        assertThat(r.createdAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456Z"));
        assertThat(AuditEventHasher.hash(r)).isEqualTo(AuditEventHasher.hash(new AuditRecord(TENANT, 7,
                "consent.granted", "consent_event", "e-1", "a", "req-1", "{}", AuditEventHasher.GENESIS_HASH,
                Instant.parse("2026-11-23T10:15:30.123456Z"))));
    }

    @Test
    void theFastTimestampMatchesTheFormatter() {
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L), random.nextInt(1_000_000) * 1000L);
            StringBuilder fast = new StringBuilder();
            AuditEventHasher.appendTimestamp(t, fast);
            assertThat(fast.toString()).isEqualTo(AuditEventHasher.timestamp(t));
        }
    }
}
