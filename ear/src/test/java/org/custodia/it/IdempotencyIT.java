package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.custodia.identity.domain.TotpCodes;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Idempotency-Key against the real database: replay, mismatch, a request in flight, a concurrent burst. */
@ExtendWith(ArquillianExtension.class)
class IdempotencyIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static Api.Reply post(Api api, String path, String key, String body) {
        return api.send(api.request(path).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    static long consentEvents(UUID tenant) throws Exception {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement ps = c.prepareStatement("select count(*) from app.consent_event where tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aReplayReturnsTheOriginalAnswerAndWritesNothingNew() throws Exception {
        Api.Tenant t = Api.newTenant("idem-replay");
        assertThat(t.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}").status()).isEqualTo(201);
        String body = "{\"subject\":\"s-1\",\"purpose\":\"ads\",\"action\":\"grant\"}";
        Api.Reply first = post(t.api(), "/consents", "order-17", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Map<String, Long> rows = BadInputIT.rowCounts();
        Api.Reply again = post(t.api(), "/consents", "order-17", body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(BadInputIT.rowCounts()).isEqualTo(rows);
        assertThat(consentEvents(t.id())).isEqualTo(1);
        // the same key in another tenant is another key
        Api.Tenant other = Api.newTenant("idem-other");
        assertThat(other.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}").status()).isEqualTo(201);
        Api.Reply elsewhere = post(other.api(), "/consents", "order-17", body);
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(elsewhere.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void theSameKeyWithADifferentBodyIs422AndWritesNothing() throws Exception {
        Api.Tenant t = Api.newTenant("idem-mismatch");
        assertThat(post(t.api(), "/purposes", "p-1", "{\"key\":\"ads\",\"name\":\"Ads\"}").status()).isEqualTo(201);
        Map<String, Long> rows = BadInputIT.rowCounts();
        Api.Reply mismatch = post(t.api(), "/purposes", "p-1", "{\"key\":\"news\",\"name\":\"News\"}");
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.contentType()).startsWith("application/problem+json");
        assertThat(mismatch.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        // the query string is part of the request too
        Api.Reply otherQuery = post(t.api(), "/purposes?dryRun=true", "p-1", "{\"key\":\"ads\",\"name\":\"Ads\"}");
        assertThat(otherQuery.status()).isEqualTo(422);
        assertThat(BadInputIT.rowCounts()).isEqualTo(rows);
    }

    @Test
    void aFailedRequestKeepsNoRecordSoItsKeyCanBeRetried() {
        Api.Tenant t = Api.newTenant("idem-failed");
        assertThat(post(t.api(), "/consents", "retry-1", "{\"subject\":\"s\",\"purpose\":\"later\",\"action\":\"grant\"}")
                .status()).isEqualTo(422);
        assertThat(t.api().post("/purposes", "{\"key\":\"later\",\"name\":\"Later\"}").status()).isEqualTo(201);
        assertThat(post(t.api(), "/consents", "retry-1", "{\"subject\":\"s\",\"purpose\":\"later\",\"action\":\"grant\"}")
                .status()).isEqualTo(201);
    }

    @Test
    void whileARequestWithTheKeyIsRunningADuplicateGets409() throws Exception {
        Api.Tenant t = Api.newTenant("idem-inflight");
        assertThat(t.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}").status()).isEqualTo(201);
        // hold the key's lock as the running request would (keys are per caller: here the tenant's first key)
        String callerId = t.api().get("/api-keys").json().get(0).get("id").asText();
        try (Connection c = TestDatabase.app(); PreparedStatement ps = c.prepareStatement(
                "select pg_advisory_lock(hashtext('idempotency:' || ? || ':' || ? || ':' || ?))")) {
            ps.setString(1, t.id().toString());
            ps.setString(2, callerId);
            ps.setString(3, "busy-1");
            ps.execute();
            Api.Reply duplicate = post(t.api(), "/consents", "busy-1", "{\"subject\":\"s\",\"purpose\":\"ads\",\"action\":\"grant\"}");
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.contentType()).startsWith("application/problem+json");
        }
        assertThat(consentEvents(t.id())).isZero();
        assertThat(post(t.api(), "/consents", "busy-1", "{\"subject\":\"s\",\"purpose\":\"ads\",\"action\":\"grant\"}")
                .status()).isEqualTo(201);
    }

    @Test
    void aConcurrentBurstOfIdenticalRequestsWritesOnce() throws Exception {
        Api.Tenant t = Api.newTenant("idem-burst");
        assertThat(t.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}").status()).isEqualTo(201);
        String body = "{\"subject\":\"burst\",\"purpose\":\"ads\",\"action\":\"grant\"}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> post(t.api(), "/consents", "burst-1", body));
            }
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : pool.invokeAll(calls)) {
                replies.add(f.get());
            }
            assertThat(replies).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
            List<Api.Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
            assertThat(created).isNotEmpty();
            assertThat(created.stream().map(r -> r.json().get("id").asText()).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(consentEvents(t.id())).isEqualTo(1);
    }

    @Test
    void anotherCallerSendingTheSameKeyGetsNothingOfTheFirstAnswer() throws Exception {
        Api.Tenant t = Api.newTenant("idem-callers");
        Api.Reply second = t.api().post("/api-keys", "{\"name\":\"second admin\",\"role\":\"ADMIN\"}");
        assertThat(second.status()).isEqualTo(201);
        Api otherAdmin = Api.withKey(second.json().get("key").asText());
        String body = "{\"name\":\"ci\",\"role\":\"IT\"}";
        Api.Reply first = post(t.api(), "/api-keys", "mint-1", body);
        assertThat(first.status()).isEqualTo(201);
        String secret = first.json().get("key").asText();

        Api.Reply other = post(otherAdmin, "/api-keys", "mint-1", body);
        assertThat(other.status()).as(other.raw().body()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(other.raw().body()).doesNotContain(secret);
        assertThat(other.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());

        // a user of the same tenant with the same key gets a fresh execution too
        Accounts.Account admin = Accounts.invited(t, "ADMIN");
        Api.Reply byUser = post(admin.session(), "/api-keys", "mint-1", body);
        assertThat(byUser.status()).isEqualTo(201);
        assertThat(byUser.raw().body()).doesNotContain(secret);
        assertThat(byUser.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void noSecretIsStoredAndAReplayOfASecretBearingRequestIs409() throws Exception {
        Api.Tenant t = Api.newTenant("idem-secrets");
        Api session = Accounts.invited(t, "ADMIN").session();
        String body = "{\"name\":\"ci\",\"role\":\"IT\"}";
        Api.Reply created = post(session, "/api-keys", "key-1", body);
        assertThat(created.status()).isEqualTo(201);
        String apiKey = created.json().get("key").asText();
        Api.Reply enrol = post(session, "/auth/mfa/totp", "enrol-1", "");
        assertThat(enrol.status()).isEqualTo(201);
        String seed = enrol.json().get("secret").asText();
        Api.Reply confirmed = post(session, "/auth/mfa/totp/confirm", "confirm-1",
                "{\"code\":\"" + TotpCodes.codeAt(seed, TotpCodes.stepAt(java.time.Instant.now().getEpochSecond())) + "\"}");
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        List<String> secrets = new ArrayList<>(List.of(apiKey, seed, apiKey.substring(apiKey.length() - 20)));
        confirmed.json().get("recoveryCodes").forEach(c -> secrets.add(c.asText()));

        List<String> stored = new ArrayList<>();
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); PreparedStatement ps = c.prepareStatement(
                "select key, coalesce(response_body, ''), secret_withheld from app.idempotency_key where tenant_id = ?")) {
            ps.setObject(1, t.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1) + " " + rs.getString(2));
                    assertThat(rs.getBoolean(3)).as(rs.getString(1)).isTrue();
                }
            }
        }
        assertThat(stored).hasSize(3);
        for (String row : stored) {
            for (String s : secrets) {
                assertThat(row).doesNotContain(s);
            }
        }
        // the caller's own replay: the request is not run again and the secret is not shown again
        int keys = t.api().get("/api-keys").json().size();
        Api.Reply replay = post(session, "/api-keys", "key-1", body);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(replay.json().get("type").asText()).endsWith("idempotency-secret-withheld");
        assertThat(replay.raw().body()).doesNotContain(apiKey);
        assertThat(t.api().get("/api-keys").json().size()).isEqualTo(keys);
    }

    @Test
    void aCallerWithoutThePermissionGetsNoReplay() throws Exception {
        Api.Tenant t = Api.newTenant("idem-authz");
        Accounts.Account manager = Accounts.invited(t, "MANAGER");
        Api session = manager.session();
        String body = "{\"key\":\"ads\",\"name\":\"Ads\"}";
        assertThat(post(session, "/purposes", "p-9", body).status()).isEqualTo(201);
        assertThat(t.api().put("/users/" + manager.userId() + "/role", "{\"role\":\"AUDITOR\"}").status()).isEqualTo(200);
        Api.Reply replay = post(session, "/purposes", "p-9", body);
        assertThat(replay.status()).isEqualTo(403);
        assertThat(replay.header("Idempotent-Replayed")).isNull();
        assertThat(replay.json().get("key")).isNull();

        Api.Reply auditorKey = t.api().post("/api-keys", "{\"name\":\"a\",\"role\":\"AUDITOR\"}");
        Api auditor = Api.withKey(auditorKey.json().get("key").asText());
        assertThat(post(t.api(), "/api-keys", "mint-2", "{\"name\":\"x\",\"role\":\"IT\"}").status()).isEqualTo(201);
        Api.Reply refused = post(auditor, "/api-keys", "mint-2", "{\"name\":\"x\",\"role\":\"IT\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw().body()).doesNotContain("cus_");
    }
}
