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
        // hold the key's lock as the running request would
        try (Connection c = TestDatabase.app(); PreparedStatement ps = c.prepareStatement(
                "select pg_advisory_lock(hashtext('idempotency:' || ? || ':' || ?))")) {
            ps.setString(1, t.id().toString());
            ps.setString(2, "busy-1");
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
}
