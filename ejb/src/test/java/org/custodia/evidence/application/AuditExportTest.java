package org.custodia.evidence.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.custodia.audit.domain.ChainVerification;
import org.custodia.evidence.domain.AuditCheckpoint;
import org.custodia.evidence.domain.AuditExportFilter;
import org.custodia.evidence.domain.ExportedEvent;
import org.custodia.evidence.infrastructure.ExportedEventRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How stored events are written out: CSV cells a spreadsheet will not run, NDJSON after the manifest. */
class AuditExportTest {

    private static final UUID TENANT = UUID.fromString("9c8b7a6f-5e4d-4c3b-8a29-1f0e9d8c7b6a");

    private final List<ExportedEvent> stored = new ArrayList<>();
    private long matching;
    private final List<String> asked = new ArrayList<>();
    private AuditExport export;

    @BeforeEach
    void service() {
        stored.add(new ExportedEvent(1, Instant.parse("2026-02-01T08:00:00.123456Z"), "consent.granted", "consent",
                "=HYPERLINK(\"x\")", "key:1", "req,1", "{\"a\":1}", "00", "aa".repeat(32)));
        stored.add(new ExportedEvent(2, Instant.parse("2026-02-01T08:00:01Z"), "consent.withdrawn", "consent",
                "c-2", "key:1", null, "{\"b\":[true]}", "aa".repeat(32), "bb".repeat(32)));
        export = new AuditExport();
        export.events = new ExportedEventRepository() {
            @Override public long count(UUID tenantId, AuditExportFilter filter, long maxSeq) {
                asked.add("count " + maxSeq);
                return matching;
            }
            @Override public long each(UUID tenantId, AuditExportFilter filter, long maxSeq, EventWriter writer)
                    throws java.io.IOException {
                asked.add("each " + maxSeq);
                for (ExportedEvent e : stored) {
                    writer.write(e);
                }
                return stored.size();
            }
        };
    }

    private AuditExport.Manifest manifest(AuditExport.Format format) {
        AuditCheckpoint checkpoint = new AuditCheckpoint(UUID.randomUUID(), TENANT, 3, "cc".repeat(32),
                Instant.parse("2026-02-01T09:00:00Z"), UUID.randomUUID(), new byte[] {1, 2});
        return new AuditExport.Manifest(UUID.randomUUID(), format, new AuditExportFilter(null, null, "consent.granted",
                null, null, null), new ChainVerification(true, 3, 3, "cc".repeat(32), null), checkpoint);
    }

    @Test
    void csvQuotesSeparatorsAndDefusesFormulasUpToTheCheckpoint() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = export.writeLines(TENANT, manifest(AuditExport.Format.CSV), out);

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(written).isEqualTo(2);
        assertThat(asked).containsExactly("each 3");
        assertThat(lines[0]).isEqualTo("seq,created_at,event_type,entity_type,entity_id,actor,request_id,payload,previous_hash,event_hash");
        assertThat(lines[1]).isEqualTo("1,2026-02-01T08:00:00.123456Z,consent.granted,consent,\"'=HYPERLINK(\"\"x\"\")\",key:1,"
                + "\"req,1\",\"{\"\"a\"\":1}\",00," + "aa".repeat(32));
        assertThat(lines[2]).isEqualTo("2,2026-02-01T08:00:01Z,consent.withdrawn,consent,c-2,key:1,,\"{\"\"b\"\":[true]}\","
                + "aa".repeat(32) + "," + "bb".repeat(32));
    }

    @Test
    void ndjsonStartsWithTheManifestAndCarriesPayloadsAsJson() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditExport.Manifest manifest = manifest(AuditExport.Format.NDJSON);
        export.writeLines(TENANT, manifest, out);

        ObjectMapper json = new ObjectMapper();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(json.writeValueAsString(manifest.toJson()));
        JsonNode second = json.readTree(lines[2]);
        assertThat(second.get("record").asText()).isEqualTo("event");
        assertThat(second.get("seq").asLong()).isEqualTo(2);
        assertThat(second.get("payload")).isEqualTo(json.readTree("{\"b\":[true]}"));
        assertThat(second.get("requestId").isNull()).isTrue();
    }

    @Test
    void aPdfOfMoreEventsThanItHoldsIsRefusedBeforeAnythingIsTakenOrRecorded() {
        matching = AuditExport.PDF_MAX_EVENTS + 1;
        assertThatThrownBy(() -> export.prepare(new Actor(TENANT, "user:ana", "req-1"),
                new AuditExportFilter(null, null, null, null, null, null), AuditExport.Format.PDF))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("format"));
        assertThat(asked).containsExactly("count " + Long.MAX_VALUE);
    }
}
