package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bulk import (CSV, NDJSON; per-line errors; atomic batches and resuming), NDJSON export, and tenant isolation of consent endpoints. */
@ExtendWith(ArquillianExtension.class)
class ConsentImportIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static Api.Reply upload(Api api, String path, String contentType, String body) {
        return api.send(api.request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static long events(Api.Tenant t) throws Exception {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from app.consent_event where tenant_id = '" + t.id() + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void csvAndNdjsonImportReportBadLinesByNumberAndImportTheRest() throws Exception {
        Api.Tenant t = Api.newTenant("import");
        t.api().post("/purposes", "{\"key\":\"news\",\"name\":\"News\"}");
        String csv = "subject,purpose,action,recordedAt,expiresAt\n"
                + "s-1,news,grant,2025-01-01T00:00:00Z,\n"
                + "s-2,news,grant,,\n"
                + "s-1,news,withdraw,2025-02-01T00:00:00Z,\n"
                + "s-3,nope,grant,,\n"                       // line 5: unknown purpose
                + "s-4,news,maybe,,\n"                       // line 6: bad action
                + "s-5,news,grant,2999-01-01T00:00:00Z,\n"   // line 7: future
                + "s-6,news,grant,,2999-01-01T00:00:00Z\n";
        Api.Reply r = upload(t.api(), "/consents/imports", "text/csv", csv);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        JsonNode job = r.json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("linesRead").asLong()).isEqualTo(7);
        assertThat(job.get("imported").asLong()).isEqualTo(4);
        assertThat(job.get("rejected").asLong()).isEqualTo(3);
        List<String> at = new ArrayList<>();
        job.get("errors").forEach(e -> at.add(e.get("line").asLong() + ":" + e.get("field").asText()));
        assertThat(at).containsExactly("5:purpose", "6:action", "7:recordedAt");
        assertThat(job.get("inputSha256").asText()).hasSize(64);
        assertThat(ConsentManagementIT.check(t.api(), "s-1", "news").get("reason").asText()).isEqualTo("WITHDRAWN");
        assertThat(ConsentManagementIT.check(t.api(), "s-2", "news").get("reason").asText()).isEqualTo("GRANTED");
        assertThat(ConsentManagementIT.check(t.api(), "s-6", "news").get("expiresAt").asText()).isEqualTo("2999-01-01T00:00:00Z");

        // a cached answer does not survive an import that changes it
        assertThat(ConsentManagementIT.check(t.api(), "s-2", "news").get("allowed").asBoolean()).isTrue();
        upload(t.api(), "/consents/imports", "text/csv", "subject,purpose,action\ns-2,news,withdraw\n");
        assertThat(ConsentManagementIT.check(t.api(), "s-2", "news").get("reason").asText()).isEqualTo("WITHDRAWN");

        // an older decision imported later does not overturn a newer one
        String ndjson = "{\"subject\":\"s-1\",\"purpose\":\"news\",\"action\":\"grant\",\"recordedAt\":\"2024-06-01T00:00:00Z\"}\n"
                + "not json\n"
                + "{\"subject\":\"s-7\",\"purpose\":\"news\",\"action\":\"grant\"}\n";
        JsonNode second = upload(t.api(), "/consents/imports", "application/x-ndjson", ndjson).json();
        assertThat(second.get("imported").asLong()).isEqualTo(2);
        assertThat(second.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(ConsentManagementIT.check(t.api(), "s-1", "news").get("reason").asText()).isEqualTo("WITHDRAWN");
        assertThat(ConsentManagementIT.check(t.api(), "s-7", "news").get("reason").asText()).isEqualTo("GRANTED");

        JsonNode listed = t.api().get("/consents/imports").json();
        assertThat(listed).hasSize(3);
        assertThat(t.api().get("/consents/imports/" + job.get("id").asText()).json().get("imported").asLong()).isEqualTo(4);

        Api.Reply export = t.api().get("/consents/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        String[] lines = export.raw().body().split("\n");
        assertThat(lines).hasSize(7);
        assertThat(Api.JSON.readTree(lines[0]).get("subject").asText()).isEqualTo("s-1"); // oldest first: 2024-06-01
        // the export is audited like the audit export: who took the ledger, how many events
        List<JsonNode> exported = new ArrayList<>();
        DsarTimerIT.events(t.api()).stream().filter(e -> e.get("eventType").asText().equals("consent.exported"))
                .forEach(exported::add);
        assertThat(exported).hasSize(1);
        assertThat(exported.get(0).get("payload").get("events").asLong()).isEqualTo(7);
        assertThat(upload(t.api(), "/consents/imports", "text/csv", "subject,purpose,action\n").json().get("linesRead").asLong()).isZero();
        Api.Reply keyed = t.api().send(t.api().request("/consents/imports").header("Content-Type", "text/csv")
                .header("Idempotency-Key", "k1").POST(HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(keyed.status()).isEqualTo(400);
    }

    @Test
    void aMalformedCsvOrANulIsALineProblemLikeAnyOtherBadLine() throws Exception {
        Api.Tenant t = Api.newTenant("import-malformed");
        t.api().post("/purposes", "{\"key\":\"news\",\"name\":\"News\"}");
        String csv = "subject,purpose,action\n"
                + "s-1,news,grant\n"
                + "s-\u00002,news,grant\n"             // line 3: NUL in the subject
                + "s-3,news,grant\n"
                + "s-" + "x".repeat(70_000) + ",news,grant\n" // line 5: one record over 64 KiB
                + "s-4,news,grant\n"
                + "\"s-5,news,grant\n"                  // line 7: the quote never closes
                + "s-6,news,grant\n";
        Api.Reply r = upload(t.api(), "/consents/imports", "text/csv", csv);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        JsonNode job = r.json();
        assertThat(job.get("imported").asLong()).isEqualTo(3);
        assertThat(job.get("rejected").asLong()).isEqualTo(3);
        List<String> at = new ArrayList<>();
        job.get("errors").forEach(e -> at.add(e.get("line").asLong() + ":" + e.get("field").asText()));
        assertThat(at).containsExactly("3:subject", "5:line", "7:line");
        assertThat(job.get("errors").get(1).get("reason").asText()).contains("64 KiB");
        assertThat(job.get("errors").get(2).get("reason").asText()).contains("quote");
        assertThat(ConsentManagementIT.check(t.api(), "s-4", "news").get("reason").asText()).isEqualTo("GRANTED");

        JsonNode ndjson = upload(t.api(), "/consents/imports", "application/x-ndjson",
                "{\"subject\":\"s-\\u0000x\",\"purpose\":\"news\",\"action\":\"grant\"}\n"
                        + "{\"subject\":\"s-\\ud800\",\"purpose\":\"news\",\"action\":\"grant\"}\n"
                        + "{\"subject\":\"s-8\",\"purpose\":\"news\",\"action\":\"grant\"}\n").json();
        assertThat(ndjson.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(ndjson.get("imported").asLong()).isEqualTo(1);
        assertThat(ndjson.get("errors").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(ndjson.get("errors").get(0).get("field").asText()).isEqualTo("subject");
        assertThat(ndjson.get("errors").get(1).get("line").asLong()).isEqualTo(2);
    }

    @Test
    void aLineRejectedWhenItsBatchIsWrittenStaysCountedAfterTheNextBatch() throws Exception {
        Api.Tenant t = Api.newTenant("import-late");
        t.api().post("/purposes", "{\"key\":\"p\",\"name\":\"P\"}");
        StringBuilder csv = new StringBuilder("subject,purpose,action,noticeVersion\n");
        csv.append("s-0,p,grant,9\n"); // line 2: the purpose has no notice 9, found when the first batch is written
        for (int i = 1; i <= 5000; i++) {
            csv.append("s-").append(i).append(",p,grant,\n");
        }
        Api.Reply r = upload(t.api(), "/consents/imports", "text/csv", csv.toString());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        JsonNode job = r.json();
        assertThat(job.get("linesRead").asLong()).isEqualTo(5001);
        assertThat(job.get("imported").asLong()).isEqualTo(5000);
        assertThat(job.get("rejected").asLong()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(0).get("field").asText()).isEqualTo("noticeVersion");
        assertThat(events(t)).isEqualTo(5000);
    }

    @Test
    void aSixtyMegabyteLineIsRefusedByNumberWithoutReadingItWhole() throws Exception {
        Api.Tenant t = Api.newTenant("import-huge");
        t.api().post("/purposes", "{\"key\":\"p\",\"name\":\"P\"}");
        long padding = 60L * 1024 * 1024;
        byte[] head = "{\"subject\":\"s-1\",\"purpose\":\"p\",\"action\":\"grant\"}\n{\"subject\":\""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = "\",\"purpose\":\"p\",\"action\":\"grant\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // streamed: the 60 MB line (no newline at all) is never held in the test either
        java.util.function.Supplier<java.io.InputStream> body = () -> new java.io.SequenceInputStream(java.util.Collections.enumeration(
                List.of(new java.io.ByteArrayInputStream(head), new RepeatedByte((byte) 'a', padding), new java.io.ByteArrayInputStream(tail))));
        Api.Reply r = t.api().send(t.api().request("/consents/imports").timeout(java.time.Duration.ofMinutes(3))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofInputStream(body)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        JsonNode job = r.json();
        assertThat(job.get("linesRead").asLong()).isEqualTo(2);
        assertThat(job.get("imported").asLong()).isEqualTo(1);
        assertThat(job.get("rejected").asLong()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(0).get("reason").asText()).contains("64 KiB");
        // and the server is fine
        assertThat(upload(t.api(), "/consents/imports", "application/x-ndjson",
                "{\"subject\":\"s-2\",\"purpose\":\"p\",\"action\":\"grant\"}\n").json().get("imported").asLong()).isEqualTo(1);
        assertThat(ConsentManagementIT.check(t.api(), "s-2", "p").get("reason").asText()).isEqualTo("GRANTED");
    }

    /** {@code length} copies of one byte, made as they are read. */
    static final class RepeatedByte extends java.io.InputStream {
        private final byte value;
        private long left;

        RepeatedByte(byte value, long length) {
            this.value = value;
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, value);
            left -= n;
            return n;
        }
    }

    @Test
    void aFailedBatchLeavesNothingHalfWrittenAndTheRestResumesWithSkipLines() throws Exception {
        Api.Tenant t = Api.newTenant("import-fail");
        t.api().post("/purposes", "{\"key\":\"p\",\"name\":\"P\"}");
        StringBuilder csv = new StringBuilder("subject,purpose,action\n");
        for (int i = 1; i <= 7000; i++) {
            csv.append(i == 6000 ? "poison-" + t.id() : "s-" + i).append(",p,grant\n");
        }
        String trigger = "poison_" + t.id().toString().replace("-", "");
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement()) {
            // the database refuses one row of the second batch, after that batch's events were inserted
            s.execute("create function app." + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.subject_id = 'poison-" + t.id() + "' then raise exception 'poisoned row'; end if; return new; end $$");
            s.execute("create trigger " + trigger + " before insert on app.consent_state for each row execute function app." + trigger + "()");
        }
        try {
            Api.Reply failed = upload(t.api(), "/consents/imports", "text/csv", csv.toString());
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.contentType()).startsWith("application/problem+json");
            assertThat(failed.json().get("detail").asText()).contains("lines up to 5000 are committed");
            assertThat(events(t)).isEqualTo(5000); // the first batch; none of the second
            JsonNode job = t.api().get("/consents/imports").json().get(0);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.get("imported").asLong()).isEqualTo(5000);
        } finally {
            try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement()) {
                s.execute("drop trigger " + trigger + " on app.consent_state");
                s.execute("drop function app." + trigger + "()");
            }
        }
        Api.Reply resumed = upload(t.api(), "/consents/imports?skipLines=5000", "text/csv", csv.toString());
        assertThat(resumed.status()).as(resumed.raw().body()).isEqualTo(201);
        assertThat(resumed.json().get("imported").asLong()).isEqualTo(2000);
        assertThat(events(t)).isEqualTo(7000);
        assertThat(ConsentManagementIT.check(t.api(), "s-7000", "p").get("reason").asText()).isEqualTo("GRANTED");
    }

    @Test
    void everyConsentEndpointKeepsTenantsApart() throws Exception {
        Api.Tenant a = Api.newTenant("iso-a");
        Api.Tenant b = Api.newTenant("iso-b");
        a.api().post("/purposes", "{\"key\":\"secret-purpose\",\"name\":\"S\"}");
        a.api().post("/purposes/secret-purpose/notices", "{\"texts\":{\"en\":\"A's notice\"}}");
        JsonNode g = ConsentManagementIT.grant(a.api(), "a-subject", "secret-purpose", ",\"email\":\"iso-" + a.slug() + "@example.org\"");
        String job = upload(a.api(), "/consents/imports", "text/csv", "subject,purpose,action\nx,secret-purpose,grant\n").json().get("id").asText();

        assertThat(b.api().get("/purposes/secret-purpose").status()).isEqualTo(404);
        assertThat(b.api().get("/purposes/secret-purpose/notices").status()).isEqualTo(404);
        assertThat(b.api().post("/purposes/secret-purpose/notices", "{\"texts\":{\"en\":\"B\"}}").status()).isEqualTo(404);
        assertThat(b.api().get("/consents/check?subject=a-subject&purpose=secret-purpose").status()).isEqualTo(404);
        assertThat(b.api().post("/consents", "{\"subject\":\"a-subject\",\"purpose\":\"secret-purpose\",\"action\":\"withdraw\"}").status())
                .isEqualTo(422);
        assertThat(b.api().get("/consents?subject=a-subject").json()).isEmpty();
        assertThat(b.api().get("/consents/receipts/" + g.get("id").asText()).status()).isEqualTo(404);
        assertThat(b.api().get("/consents/subjects?email=iso-" + a.slug() + "@example.org").json()).isEmpty();
        assertThat(b.api().get("/consents/imports/" + job).status()).isEqualTo(404);
        assertThat(b.api().get("/consents/imports").json()).isEmpty();
        assertThat(b.api().get("/consents/export").raw().body()).isEmpty();
        assertThat(upload(b.api(), "/consents/imports", "text/csv", "subject,purpose,action\nx,secret-purpose,grant\n").json()
                .get("errors").get(0).get("field").asText()).isEqualTo("purpose");
        assertThat(ConsentManagementIT.check(a.api(), "a-subject", "secret-purpose").get("reason").asText()).isEqualTo("GRANTED");
    }

    static String projectedDecision(Api.Tenant t, String subject) throws Exception {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select decision from app.consent_state where tenant_id = '" + t.id()
                     + "' and subject_id = '" + subject + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * The projection's one writer takes a rule: a decision recorded now replaces what it holds, even a time ahead of
     * this node's clock (another node's); an imported line replaces only a state recorded no later than itself.
     */
    @Test
    void aLiveDecisionReplacesTheProjectionWhileAnImportReplacesOnlyAnOlderState() throws Exception {
        Api.Tenant t = Api.newTenant("precedence");
        t.api().post("/purposes", "{\"key\":\"news\",\"name\":\"News\"}");
        ConsentManagementIT.grant(t.api(), "s-1", "news", "");
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement()) {
            // as if recorded by a node whose clock runs an hour ahead
            s.executeUpdate("update app.consent_state set recorded_at = now() + interval '1 hour' where tenant_id = '" + t.id() + "'");
        }
        String beforeThat = java.time.Instant.now().minusSeconds(60).toString();
        JsonNode job = upload(t.api(), "/consents/imports", "text/csv", "subject,purpose,action,recordedAt\ns-1,news,withdraw," + beforeThat + "\n")
                .json();
        assertThat(job.get("imported").asLong()).isEqualTo(1);
        assertThat(projectedDecision(t, "s-1")).as("an imported older line leaves the held state").isEqualTo("GRANTED");
        assertThat(ConsentManagementIT.check(t.api(), "s-1", "news").get("reason").asText()).isEqualTo("GRANTED");

        Api.Reply withdrawn = t.api().post("/consents", "{\"subject\":\"s-1\",\"purpose\":\"news\",\"action\":\"withdraw\"}");
        assertThat(withdrawn.status()).as(withdrawn.raw().body()).isEqualTo(201);
        assertThat(projectedDecision(t, "s-1")).as("a decision recorded now replaces it").isEqualTo("WITHDRAWN");
        assertThat(ConsentManagementIT.check(t.api(), "s-1", "news").get("reason").asText()).isEqualTo("WITHDRAWN");
    }
}
