package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/** The consent slice through the deployed EAR: keys, purposes, grant/withdraw/check, tenant isolation. */
@ExtendWith(ArquillianExtension.class)
class ConsentApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void grantThenWithdrawIsVisibleOnTheNextCheckAndAudited() {
        Api.Tenant t = Api.newTenant("consent");
        assertThat(t.api().post("/purposes", "{\"key\":\"newsletter\",\"name\":\"Newsletter\"}").status()).isEqualTo(201);

        Api.Reply never = t.api().get("/consents/check?subject=u-42&purpose=newsletter");
        assertThat(never.status()).isEqualTo(200);
        assertThat(never.json().get("allowed").asBoolean()).isFalse();
        assertThat(never.json().get("recordedAt").isNull()).isTrue();
        assertThat(never.json().get("reason").asText()).isEqualTo("NOT_GRANTED");

        Api.Reply grant = t.api().post("/consents", "{\"subject\":\"u-42\",\"purpose\":\"newsletter\",\"action\":\"grant\"}");
        assertThat(grant.status()).isEqualTo(201);
        Api.Reply granted = t.api().get("/consents/check?subject=u-42&purpose=newsletter");
        assertThat(granted.json().get("allowed").asBoolean()).isTrue();
        assertThat(granted.json().get("decision").asText()).isEqualTo("GRANTED");
        assertThat(granted.json().get("reason").asText()).isEqualTo("GRANTED");
        assertThat(granted.json().get("purposeVersion").asInt()).isEqualTo(1);
        assertThat(java.time.Instant.parse(granted.json().get("recordedAt").asText()))
                .isEqualTo(java.time.Instant.parse(grant.json().get("recordedAt").asText()));

        assertThat(t.api().post("/consents", "{\"subject\":\"u-42\",\"purpose\":\"newsletter\",\"action\":\"withdraw\"}")
                .status()).isEqualTo(201);
        Api.Reply withdrawn = t.api().get("/consents/check?subject=u-42&purpose=newsletter");
        assertThat(withdrawn.json().get("allowed").asBoolean()).isFalse();
        assertThat(withdrawn.json().get("decision").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.json().get("reason").asText()).isEqualTo("WITHDRAWN");

        JsonNode history = t.api().get("/consents?subject=u-42").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("decision").asText()).isEqualTo("GRANTED");
        assertThat(history.get(1).get("decision").asText()).isEqualTo("WITHDRAWN");

        assertThat(eventTypes(t.api())).containsExactly("tenant.created", "tenant.signing_key.created",
                "api_key.created", "consent.purpose.defined", "consent.granted", "consent.withdrawn");
        JsonNode verify = t.api().get("/audit/verify").json();
        assertThat(verify.get("intact").asBoolean()).isTrue();
        assertThat(verify.get("eventCount").asLong()).isEqualTo(6);
    }

    @Test
    void aPurposeCarriesItsNamesLegalBasisCategoriesRetentionAndGpcFlag() {
        Api.Tenant t = Api.newTenant("purpose-details");
        Api.Reply created = t.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Targeted ads\","
                + "\"names\":{\"en\":\"Targeted ads\",\"hi\":\"लक्षित विज्ञापन\",\"ta\":\"இலக்கு விளம்பரங்கள்\"},"
                + "\"legalBasis\":\"CONSENT\",\"dataCategories\":[\"browsing history\",\"device id\"],"
                + "\"retention\":\"P13M\",\"honoursGpc\":true}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode read = t.api().get("/purposes/ads").json();
        assertThat(read.get("names").get("hi").asText()).isEqualTo("लक्षित विज्ञापन");
        assertThat(read.get("names").size()).isEqualTo(3);
        assertThat(read.get("legalBasis").asText()).isEqualTo("CONSENT");
        assertThat(read.get("dataCategories").get(1).asText()).isEqualTo("device id");
        assertThat(read.get("retention").asText()).isEqualTo("P13M");
        assertThat(read.get("honoursGpc").asBoolean()).isTrue();
        assertThat(read.get("reconsentOnNoticeChange").asBoolean()).isTrue();

        JsonNode defaults = t.api().post("/purposes", "{\"key\":\"billing\",\"name\":\"Billing\",\"legalBasis\":\"CONTRACT\"}").json();
        assertThat(defaults.get("legalBasis").asText()).isEqualTo("CONTRACT");
        assertThat(defaults.get("honoursGpc").asBoolean()).isFalse();

        Map<String, Long> before = BadInputIT.rowCounts();
        Api.Reply bad = t.api().post("/purposes", "{\"key\":\"x\",\"name\":\"X\",\"legalBasis\":\"VIBES\","
                + "\"retention\":\"forever\",\"names\":{\"not a tag\":\"x\"},\"dataCategories\":[\"\"]}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("legalBasis", "retention", "names.not a tag", "dataCategories[0]");
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
    }

    @Test
    void batchChecksAnswerPerPurposeOrPerSubjectAndNameTheEntryAtFault() {
        Api.Tenant t = Api.newTenant("batch");
        for (String p : List.of("a", "b", "c")) {
            assertThat(t.api().post("/purposes", "{\"key\":\"" + p + "\",\"name\":\"" + p + "\"}").status()).isEqualTo(201);
        }
        assertThat(t.api().post("/consents", "{\"subject\":\"u1\",\"purpose\":\"a\",\"action\":\"grant\"}").status()).isEqualTo(201);
        assertThat(t.api().post("/consents", "{\"subject\":\"u1\",\"purpose\":\"b\",\"action\":\"grant\"}").status()).isEqualTo(201);
        assertThat(t.api().post("/consents", "{\"subject\":\"u1\",\"purpose\":\"b\",\"action\":\"withdraw\"}").status()).isEqualTo(201);
        assertThat(t.api().post("/consents", "{\"subject\":\"u2\",\"purpose\":\"a\",\"action\":\"grant\"}").status()).isEqualTo(201);

        JsonNode perPurpose = t.api().post("/consents/check", "{\"subject\":\"u1\",\"purposes\":[\"a\",\"b\",\"c\"]}").json();
        assertThat(perPurpose.findValuesAsText("reason")).containsExactly("GRANTED", "WITHDRAWN", "NOT_GRANTED");
        JsonNode perSubject = t.api().post("/consents/check", "{\"purpose\":\"a\",\"subjects\":[\"u1\",\"u2\",\"u3\"]}").json();
        assertThat(perSubject.findValuesAsText("allowed")).containsExactly("true", "true", "false");
        assertThat(perSubject.findValuesAsText("subject")).containsExactly("u1", "u2", "u3");

        Api.Reply unknown = t.api().post("/consents/check", "{\"subject\":\"u1\",\"purposes\":[\"a\",\"nope\"]}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("purposes[1]");
        assertThat(t.api().post("/consents/check", "{\"subject\":\"u1\",\"purpose\":\"a\"}").status()).isEqualTo(422);
        StringBuilder many = new StringBuilder("{\"purpose\":\"a\",\"subjects\":[");
        for (int i = 0; i <= 100; i++) {
            many.append(i == 0 ? "" : ",").append("\"s").append(i).append("\"");
        }
        Api.Reply tooMany = t.api().post("/consents/check", many.append("]}").toString());
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("errors").get(0).get("field").asText()).isEqualTo("subjects");
    }

    @Test
    void apiKeysAreShownOnceStoredHashedAndListedMasked() throws Exception {
        Api.Tenant t = Api.newTenant("keys");
        Api.Reply created = t.api().post("/api-keys", "{\"name\":\"backend\",\"role\":\"MANAGER\"}");
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("key").asText();
        assertThat(secret).matches("cus_[0-9a-f]{8}_[A-Za-z0-9_-]{43}");
        assertThat(created.json().get("masked").asText()).endsWith(secret.substring(secret.length() - 4));

        Api.Reply list = t.api().get("/api-keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(2);
        assertThat(list.raw().body()).doesNotContain(secret.substring(13)).doesNotContain("\"key\"");

        assertThat(created.json().get("role").asText()).isEqualTo("MANAGER");
        assertThat(Api.withKey(secret).get("/purposes").status()).isEqualTo(200);
        String wrong = secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");
        Api.Reply refused = Api.withKey(wrong).get("/purposes");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        try (var c = TestDatabase.superuser(ItEnvironment.DATABASE);
             var ps = c.prepareStatement("select secret_hash from app.api_key where id = ?::uuid")) {
            ps.setString(1, created.json().get("id").asText());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String stored = rs.getString(1);
                assertThat(stored).hasSize(64).doesNotContain(secret.substring(13));
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                assertThat(stored).isEqualTo(java.util.HexFormat.of().formatHex(
                        sha.digest(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
            }
        }
    }

    @Test
    void oneTenantsKeyGets404ForAnotherTenantsData_evenRightAfterItWasWritten() {
        Api.Tenant a = Api.newTenant("alpha");
        Api.Tenant b = Api.newTenant("beta");
        assertThat(b.api().post("/purposes", "{\"key\":\"b-only\",\"name\":\"B only\"}").status()).isEqualTo(201);
        assertThat(b.api().post("/consents", "{\"subject\":\"shared-subject\",\"purpose\":\"b-only\",\"action\":\"grant\"}")
                .status()).isEqualTo(201);
        Api.Reply dsar = b.api().post("/dsars",
                "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"shared-subject\"}");
        assertThat(dsar.status()).isEqualTo(201);
        String dsarId = dsar.json().get("id").asText();

        // right after B wrote (an entity cache would still hold these), A sees none of it
        assertThat(a.api().get("/dsars/" + dsarId).status()).isEqualTo(404);
        assertThat(a.api().get("/purposes/b-only").status()).isEqualTo(404);
        assertThat(a.api().get("/consents/check?subject=shared-subject&purpose=b-only").status()).isEqualTo(404);
        assertThat(a.api().get("/consents?subject=shared-subject").json()).isEmpty();
        assertThat(a.api().get("/purposes").json()).isEmpty();
        assertThat(a.api().post("/consents", "{\"subject\":\"x\",\"purpose\":\"b-only\",\"action\":\"grant\"}").status())
                .isEqualTo(422);
        assertThat(a.api().get("/audit/events?limit=1000").raw().body()).doesNotContain(dsarId);

        // while B does
        assertThat(b.api().get("/dsars/" + dsarId).status()).isEqualTo(200);
        assertThat(b.api().get("/purposes/b-only").status()).isEqualTo(200);
        // and the same key in A is A's own business
        assertThat(a.api().post("/purposes", "{\"key\":\"b-only\",\"name\":\"A's own\"}").status()).isEqualTo(201);
        assertThat(a.api().get("/consents/check?subject=shared-subject&purpose=b-only").json().get("allowed").asBoolean())
                .isFalse();
    }

    @Test
    void everyResponseCarriesARequestId() {
        assertThat(Api.anonymous().get("/ping").header("X-Request-Id")).isNotBlank();
        Api.Reply unauthorized = Api.anonymous().get("/purposes");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("X-Request-Id")).isNotBlank()
                .isEqualTo(unauthorized.json().get("requestId").asText());
        assertThat(Api.anonymous().get("/no-such-thing").header("X-Request-Id")).isNotBlank();
        Api.Reply echoed = Api.anonymous().send(Api.anonymous().request("/ping").header("X-Request-Id", "trace-12345678"));
        assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-12345678");
        Api.Reply replaced = Api.anonymous().send(Api.anonymous().request("/ping").header("X-Request-Id", "bad id\u00e9"));
        assertThat(replaced.header("X-Request-Id")).isNotEqualTo("bad id\u00e9").matches("[0-9a-f-]{36}");
    }

    @Test
    void serverLogsAreJsonLinesWithRequestTraceAndTenantIdsButNoSubjectsOrSecrets() throws Exception {
        Api.Tenant t = Api.newTenant("logs");
        String subject = "subject-" + java.util.UUID.randomUUID();
        assertThat(t.api().post("/purposes", "{\"key\":\"p\",\"name\":\"P\"}").status()).isEqualTo(201);
        Api.Reply granted = t.api().post("/consents",
                "{\"subject\":\"" + subject + "\",\"purpose\":\"p\",\"action\":\"grant\"}");
        String traceId = java.util.UUID.randomUUID().toString().replace("-", ""); // a caller's OpenTelemetry trace
        Api.Reply checked = t.api().send(t.api().request("/consents/check?subject=" + subject + "&purpose=p")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").GET());
        assertThat(checked.status()).isEqualTo(200);
        String requestId = checked.header("X-Request-Id");
        assertThat(checked.header("traceparent")).startsWith("00-" + traceId + "-").endsWith("-01");
        String secret = t.api().credential();

        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("custodia.it.base.dir"), "log", "server.log");
        JsonNode accessLine = null;
        for (int i = 0; i < 20 && accessLine == null; i++) {
            for (String line : java.nio.file.Files.readAllLines(log)) {
                JsonNode json = Api.JSON.readTree(line); // every line is one JSON object
                if (requestId.equals(json.path("mdc").path("requestId").asText())) {
                    accessLine = json;
                }
            }
            Thread.sleep(100);
        }
        assertThat(accessLine).as("a log line with request id %s", requestId).isNotNull();
        assertThat(accessLine.path("mdc").path("tenantId").asText()).isEqualTo(t.id().toString());
        assertThat(accessLine.path("mdc").path("traceId").asText()).as("the caller's trace, continued").isEqualTo(traceId);
        assertThat(checked.header("traceparent")).contains("-" + accessLine.path("mdc").path("spanId").asText() + "-");
        assertThat(accessLine.path("message").asText()).startsWith("GET /api/v1/consents/check 200");
        String all = java.nio.file.Files.readString(log);
        assertThat(all).doesNotContain(subject).doesNotContain(secret).doesNotContain(ItEnvironment.ADMIN_TOKEN)
                .doesNotContain(secret.substring(13)); // not even the secret part of the key without its prefix
        assertThat(granted.status()).isEqualTo(201);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        Api.Tenant t = Api.newTenant("headers");
        String huge = "{\"subject\":\"" + "x".repeat(1_100_000) + "\"}";
        for (Api.Reply r : List.of(Api.anonymous().get("/ping"), Api.anonymous().get("/purposes"),
                t.api().get("/purposes/none"), t.api().post("/consents", huge), t.api().get("/audit/verify"))) {
            assertThat(r.header("Strict-Transport-Security")).as("status %s", r.status()).startsWith("max-age=");
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        }
    }

    static List<String> eventTypes(Api api) {
        List<String> types = new ArrayList<>();
        api.get("/audit/events?limit=1000").json().forEach(e -> types.add(e.get("eventType").asText()));
        return types;
    }
}
