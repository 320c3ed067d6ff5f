package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Readiness follows the database: a WildFly of this test's own on a PostgreSQL of its own (local-postgres.sh on its
 * own port, so the other tests' database stays up), which the test stops. {@code /health/ready} answers 503 with the
 * database check DOWN within 5 s, liveness stays UP (a restart would not help), and once PostgreSQL is back the node
 * is ready again by itself. The same server has a metrics token: {@code /metrics} wants it, even from this machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthIT {

    /** Not the Arquillian server's (300), RunCommandIT's (400), ProductionModeIT's (500), DsarDurabilityIT's (600) nor WebhookDurabilityIT's (700). */
    static final int OFFSET = 800;
    static final String METRICS_TOKEN = "health-it-metrics-" + UUID.randomUUID();

    private final int pgPort = ItEnvironment.pgPort() + 8;
    private final String pgHome = "/tmp/custodia-pg-" + pgPort;
    private final OwnWildFly server = new OwnWildFly("health-it", OFFSET, "custodia_health_it", pgPort,
            Map.of("custodia.metrics.token", METRICS_TOKEN));

    @BeforeAll
    void start() throws Exception {
        assertThat(TestDatabase.script("start", pgPort, pgHome)).containsAnyOf("started", "already running"); // own port and home
        server.prepare();
        server.start();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        TestDatabase.script("stop", pgPort, pgHome);
    }

    private Api.Reply ready() {
        return OperationsIT.fetch(server.webBase() + "/health/ready");
    }

    private static Map<String, String> statuses(Api.Reply health) {
        Map<String, String> byName = new HashMap<>();
        for (JsonNode c : health.json().get("checks")) {
            byName.put(c.get("name").asText(), c.get("status").asText());
        }
        return byName;
    }

    @Test
    void aStoppedDatabaseMakesTheNodeUnreadyWithinFiveSecondsAndItsReturnReadyAgain() throws Exception {
        Api.Reply up = ready(); // this test is no operator here (a token is set): statuses without counts
        assertThat(up.status()).as(up.raw().body()).isEqualTo(200);
        assertThat(statuses(up)).containsEntry("database", "UP").containsEntry("job-executor", "UP")
                .containsEntry("mail-outbox", "UP").containsEntry("key-store", "UP");

        assertThat(TestDatabase.script("stop", pgPort, pgHome)).contains("stopped");
        Instant stopped = Instant.now();
        Api.Reply down = ready();
        while (down.status() == 200 && Duration.between(stopped, Instant.now()).toSeconds() < 30) {
            Thread.sleep(200);
            down = ready();
        }
        Duration noticed = Duration.between(stopped, Instant.now());
        assertThat(down.status()).as(down.raw().body()).isEqualTo(503);
        assertThat(noticed).as("readiness noticed the stopped database after " + noticed).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(statuses(down)).containsEntry("database", "DOWN").containsEntry("key-store", "UP");
        Api.Reply live = OperationsIT.fetch(server.webBase() + "/health/live");
        assertThat(live.status()).as("liveness does not follow the database: a restart would not bring it back").isEqualTo(200);

        assertThat(TestDatabase.script("start", pgPort, pgHome)).contains("started");
        Instant restarted = Instant.now();
        Api.Reply again = ready();
        while (again.status() != 200 && Duration.between(restarted, Instant.now()).toSeconds() < 60) {
            Thread.sleep(500);
            again = ready();
        }
        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        assertThat(statuses(again)).containsEntry("database", "UP");
        Api.Reply tenant = server.admin().post("/tenants", "{\"slug\":\"back-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"Back Ltd\"}");
        assertThat(tenant.status()).as("the pool serves requests again: " + tenant.raw().body()).isEqualTo(201);
    }

    @Test
    void withATokenMetricsAnswerOnlyTheBearerOfIt() {
        String metrics = server.webBase() + "/metrics";
        assertThat(OperationsIT.fetch(metrics).status()).as("this machine, no token").isEqualTo(404);
        assertThat(OperationsIT.fetch(metrics, "Authorization", "Bearer wrong-" + METRICS_TOKEN).status()).isEqualTo(404);
        Api.Reply scraped = OperationsIT.fetch(metrics, "Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(PrometheusText.parse(scraped.raw().body()).value("custodia_jobs_due")).isPresent();
    }
}
