package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Predicate;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an operator watches on the Arquillian server: {@code /health/ready} and {@code /health/live} name the
 * application's checks (their counts for this machine only), and {@code /metrics} (no token configured: loopback
 * callers only) shows the series the issue lists, moving with what the API does.
 */
@ExtendWith(ArquillianExtension.class)
class OperationsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static String web() {
        return ItEnvironment.apiBase().replace("/api/v1", "");
    }

    static Api.Reply fetch(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return Api.anonymous().send(b);
    }

    static PrometheusText scrape() {
        Api.Reply r = fetch(web() + "/metrics");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
        return PrometheusText.parse(r.raw().body());
    }

    /** Scrapes until the condition holds (database gauges are read at most every 15 s), at most 40 s. */
    static PrometheusText scrapeUntil(Predicate<PrometheusText> condition) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(40);
        PrometheusText text = scrape();
        while (!condition.test(text) && Instant.now().isBefore(until)) {
            Thread.sleep(500);
            text = scrape();
        }
        return text;
    }

    @Test
    void readinessNamesTheApplicationsChecksAndAllAreUp() {
        assertThat(fetch(web() + "/health/ready").contentType()).startsWith("application/json");
        Api.Reply ready = fetch(web() + "/health/ready");
        assertThat(ready.status()).as(ready.raw().body()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        Map<String, JsonNode> checks = new java.util.HashMap<>();
        ready.json().get("checks").forEach(c -> checks.put(c.get("name").asText(), c));
        assertThat(checks).containsKeys("database", "job-executor", "mail-outbox", "key-store");
        checks.forEach((name, c) -> assertThat(c.get("status").asText()).as(name).isEqualTo("UP"));
        assertThat(checks.get("job-executor").get("data").get("dueJobs").isNumber()).isTrue();
        assertThat(checks.get("mail-outbox").get("data").get("backlog").isNumber()).isTrue();

        Api.Reply live = fetch(web() + "/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("checks")).extracting(c -> c.get("name").asText()).containsExactly("threads");

        Api.Reply forwarded = fetch(web() + "/health/ready", "X-Forwarded-For", "203.0.113.9");
        assertThat(forwarded.status()).as("a probe from elsewhere still gets the statuses").isEqualTo(200);
        forwarded.json().get("checks").forEach(c -> assertThat(c.has("data")).as("but no counts: " + c).isFalse());
        Api.Reply both = fetch(web() + "/health");
        assertThat(both.json().get("checks")).extracting(c -> c.get("name").asText())
                .contains("database", "threads");
    }

    @Test
    void metricsAreForThisMachineOnlyWhenNoTokenIsSet() {
        assertThat(fetch(web() + "/metrics", "X-Forwarded-For", "203.0.113.9").status()).as("forwarded by a proxy").isEqualTo(404);
        assertThat(fetch(web() + "/metrics", "Forwarded", "for=203.0.113.9").status()).isEqualTo(404);
        assertThat(fetch(web() + "/metrics").status()).isEqualTo(200);
    }

    @Test
    void metricsMoveWithWhatTheApiDoes() throws InterruptedException {
        PrometheusText before = scrape();
        Api.Tenant t = Api.newTenant("metrics");
        assertThat(t.api().post("/purposes", "{\"key\":\"news\",\"name\":\"News\"}").status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(t.api().get("/consents/check?subject=m-" + i + "&purpose=news").status()).isEqualTo(200);
        }
        assertThat(t.api().post("/consents", "{\"subject\":\"m-0\",\"purpose\":\"news\",\"action\":\"grant\"}").status()).isEqualTo(201);
        assertThat(t.api().get("/consents/check?subject=m-0&purpose=news").status()).isEqualTo(200);
        // a CCPA request received 60 days ago: 45 days are up, it is open and overdue
        Api.Reply late = t.api().post("/dsars", "{\"type\":\"ACCESS\",\"jurisdiction\":\"US_CA_CCPA\",\"identity\":\"VERIFIED\","
                + "\"subject\":\"m-9\",\"receivedAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(60, ChronoUnit.DAYS) + "\"}");
        assertThat(late.status()).as(late.raw().body()).isEqualTo(201);

        PrometheusText after = scrapeUntil(m -> m.samples().stream().filter(s -> s.name().equals("custodia_dsar_open"))
                .mapToDouble(PrometheusText.Sample::value).sum() >= 1 && m.value("custodia_dsar_overdue").orElse(0) >= 1);

        Map<String, String> notGranted = Map.of("reason", "NOT_GRANTED");
        assertThat(after.count("custodia_consent_checks_total", notGranted) - before.count("custodia_consent_checks_total", notGranted))
                .as("three checks before the grant").isGreaterThanOrEqualTo(3);
        Map<String, String> granted = Map.of("reason", "GRANTED");
        assertThat(after.count("custodia_consent_checks_total", granted) - before.count("custodia_consent_checks_total", granted))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.value("custodia_consent_checks_total", Map.of("reason", "GPC_OPT_OUT"))).as("every reason has its series").isPresent();

        Map<String, String> checks = Map.of("method", "GET", "uri", "/consents/check", "status", "200");
        assertThat(after.count("http_server_requests_seconds_count", checks) - before.count("http_server_requests_seconds_count", checks))
                .isGreaterThanOrEqualTo(4);
        assertThat(after.value("http_server_requests_seconds_bucket", Map.of("uri", "/consents/check", "status", "200", "le", "0.1")))
                .as("latency buckets per endpoint").isPresent();
        assertThat(after.samples()).as("ids never become a series").noneMatch(s -> s.labels().getOrDefault("uri", "").contains("m-0"));
        assertThat(after.value("http_server_requests_seconds_count", Map.of("method", "POST", "uri", "/dsars", "status", "201"))).isPresent();

        assertThat(after.count("custodia_audit_events_appended_total", Map.of())
                - before.count("custodia_audit_events_appended_total", Map.of())).as("purpose, consent, request, tenant").isGreaterThanOrEqualTo(4);

        for (String status : new String[] {"RECEIVED", "AWAITING_IDENTITY", "IN_PROGRESS", "IN_REVIEW", "DELIVERED"}) {
            assertThat(after.value("custodia_dsar_open", Map.of("status", status))).as(status).isPresent();
        }
        assertThat(after.value("custodia_dsar_open", Map.of("status", "CLOSED"))).as("ended requests are not open").isEmpty();
        for (String gauge : new String[] {"custodia_mail_outbox_backlog", "custodia_mail_outbox_oldest_seconds", "custodia_mail_outbox_parked",
                "custodia_webhook_outbox_backlog", "custodia_webhook_outbox_oldest_seconds", "custodia_jobs_due",
                "custodia_jobs_oldest_due_seconds", "custodia_jobs_failed"}) {
            assertThat(after.value(gauge)).as(gauge).isPresent();
            assertThat(after.value(gauge).getAsDouble()).as(gauge).isNotNaN().isGreaterThanOrEqualTo(0);
        }
        assertThat(after.samples()).as("the JVM's own").anyMatch(s -> s.name().equals("jvm_memory_used_bytes"));
    }
}
