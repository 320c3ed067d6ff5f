package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input gets an RFC 9457 problem with the offending field, and writes nothing (row counts before/after). */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    Api.Tenant tenant;

    @BeforeEach
    void tenantWithAPurpose() {
        tenant = Api.newTenant("bad-input");
        assertThat(tenant.api().post("/purposes", "{\"key\":\"analytics\",\"name\":\"Analytics\"}").status()).isEqualTo(201);
    }

    @Test
    void malformedJson() {
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/consents", "{\"subject\": \"u-1\", "), 400);
        assertThat(r.json().get("type").asText()).endsWith("/malformed-body");
    }

    @Test
    void unknownProperty() {
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/consents",
                "{\"subject\":\"u-1\",\"purpose\":\"analytics\",\"action\":\"grant\",\"colour\":\"blue\"}"), 400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("colour");
    }

    @Test
    void wrongType() {
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/consents",
                "{\"subject\":{\"id\":1},\"purpose\":\"analytics\",\"action\":\"grant\"}"), 400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("subject");
    }

    @Test
    void missingFields() {
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/consents", "{\"purpose\":\"analytics\"}"), 422);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("subject", "action");
    }

    @Test
    void emptyBody() {
        refusedWithoutWriting(() -> tenant.api().post("/purposes", ""), 400);
    }

    @Test
    void unknownPurpose() {
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/consents",
                "{\"subject\":\"u-1\",\"purpose\":\"no-such-purpose\",\"action\":\"grant\"}"), 422);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("purpose");
        Api.Reply check = refusedWithoutWriting(
                () -> tenant.api().get("/consents/check?subject=u-1&purpose=no-such-purpose"), 404);
        assertThat(check.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void duplicatePurposeKey() {
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/purposes",
                "{\"key\":\"analytics\",\"name\":\"Again\"}"), 409);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("key");
    }

    @Test
    void invalidDsar() {
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/dsars",
                "{\"type\":\"TELEPORT\",\"jurisdiction\":\"MARS\",\"subject\":\"\",\"receivedAt\":\"yesterday\"}"), 422);
        assertThat(r.json().get("errors").findValuesAsText("field")).contains("receivedAt");
        Api.Reply r2 = refusedWithoutWriting(() -> tenant.api().post("/dsars",
                "{\"type\":\"TELEPORT\",\"jurisdiction\":\"MARS\",\"subject\":\"\"}"), 422);
        assertThat(r2.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("type", "jurisdiction", "subject");
    }

    @Test
    void bodyOverOneMegabyteDeclaredUpFront() {
        String huge = "{\"subject\":\"" + "x".repeat(1_100_000) + "\",\"purpose\":\"analytics\",\"action\":\"grant\"}";
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/consents", huge), 413);
        assertThat(r.json().get("status").asInt()).isEqualTo(413);
    }

    @Test
    void bodyOverOneMegabyteStreamedInChunks() {
        byte[] huge = ("{\"subject\":\"" + "x".repeat(1_100_000) + "\",\"purpose\":\"analytics\",\"action\":\"grant\"}")
                .getBytes(StandardCharsets.UTF_8);
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().send(tenant.api().request("/consents")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))), 413);
        assertThat(r.json().get("status").asInt()).isEqualTo(413);
    }

    @Test
    void missingOrWrongCredentials() {
        refusedWithoutWriting(() -> Api.anonymous().post("/purposes", "{\"key\":\"x\",\"name\":\"X\"}"), 401);
        refusedWithoutWriting(() -> tenant.api().post("/tenants", "{\"slug\":\"sneaky\",\"name\":\"Sneaky\"}"), 401);
        refusedWithoutWriting(() -> Api.withKey("not-an-admin-token-at-all").post("/tenants",
                "{\"slug\":\"sneaky\",\"name\":\"Sneaky\"}"), 401);
    }

    @Test
    void invalidTenantBootstrap() {
        Api.Reply r = refusedWithoutWriting(() -> Api.admin().post("/tenants", "{\"slug\":\"No Spaces!\",\"name\":\"\"}"), 422);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("slug", "name");
    }

    @Test
    void invalidConsentDetailsAreRefusedWithoutWriting() {
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/consents", "{\"subject\":\"s\",\"purpose\":\"analytics\","
                + "\"action\":\"grant\",\"expiresAt\":\"2001-01-01T00:00:00Z\",\"email\":\"nope\",\"clientIp\":\"\"}"), 422);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("expiresAt", "email", "clientIp");
        refusedWithoutWriting(() -> tenant.api().post("/consents", "{\"subject\":\"s\",\"purpose\":\"analytics\","
                + "\"action\":\"grant\",\"noticeVersion\":1}"), 422); // the purpose has no notice yet
        refusedWithoutWriting(() -> tenant.api().post("/purposes/analytics/notices", "{\"texts\":{}}"), 422);
        refusedWithoutWriting(() -> tenant.api().post("/consents/receipts/verify", "{\"jws\":\"not a jws\"}"), 422);
        refusedWithoutWriting(() -> Api.anonymous().post("/consents/withdrawals", "{\"token\":\"cus_w_forged\"}"), 422);
    }

    @Test
    void invalidIdentityInputIsRefusedWithoutWriting() {
        Api.Reply r = refusedWithoutWriting(() -> tenant.api().post("/users/invitations", "{\"email\":\"not-an-address\",\"role\":\"WIZARD\"}"), 422);
        assertThat(r.json().get("errors").findValuesAsText("field")).contains("email");
        refusedWithoutWriting(() -> tenant.api().post("/roles", "{\"name\":\"Bad Name\",\"description\":\"\",\"permissions\":[]}"), 422);
        refusedWithoutWriting(() -> tenant.api().put("/settings/security", "{\"mfaRequired\":null,\"corsOrigins\":[\"ftp://x\"]}"), 422);
        refusedWithoutWriting(() -> Api.anonymous().post("/auth/password-reset/confirm", "{\"token\":\"cus_t_x\",\"password\":\"p\"}"), 422);
        refusedWithoutWriting(() -> Api.anonymous().post("/auth/login", "{\"tenant\":\"" + tenant.slug() + "\",\"unknown\":1}"), 400);
    }

    private Api.Reply refusedWithoutWriting(java.util.function.Supplier<Api.Reply> call, int expectedStatus) {
        Map<String, Long> before = rowCounts();
        Api.Reply r = call.get();
        assertThat(r.status()).as(r.raw().body()).isEqualTo(expectedStatus);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("title").asText()).isNotBlank();
        assertThat(r.header("X-Request-Id")).isNotBlank();
        assertThat(rowCounts()).isEqualTo(before);
        return r;
    }

    /** Rows in every table of both schemas, counted as superuser (row-level security does not apply). */
    static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("select schemaname || '.' || tablename from pg_tables"
                    + " where schemaname in ('app', 'engine')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
