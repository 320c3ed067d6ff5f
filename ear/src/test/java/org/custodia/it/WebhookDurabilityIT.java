package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Webhook delivery survives its server dying mid-way: a WildFly of this test's own ({@link OwnWildFly}) is killed with
 * SIGKILL while a slow receiver is taking a subscription's events one by one, and started again. Every event arrives
 * at least once, and in the order the changes happened (an event cut off mid-request may come twice, never out of
 * turn): the outbox rows were written with the changes, and a starting node gives back the lease it held.
 */
class WebhookDurabilityIT {

    /** Not the Arquillian server's (300), RunCommandIT's (400), ProductionModeIT's (500) nor DsarDurabilityIT's (600). */
    static final int OFFSET = 700;
    static final String DATABASE = "custodia_webhook_it";
    static final int EVENTS = 20;

    private final OwnWildFly server = new OwnWildFly("webhook-durability-it", OFFSET, DATABASE);
    private WebhookReceiver receiver;

    @AfterEach
    void stopServers() throws InterruptedException {
        server.stop();
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void everyEventArrivesAtLeastOnceAndInOrderAcrossAKill() throws Exception {
        receiver = new WebhookReceiver();
        receiver.slowness(Duration.ofMillis(400)); // the dispatcher is mid-way when the kill comes
        server.prepare();
        server.start();
        Api.Reply tenant = server.admin().post("/tenants", "{\"slug\":\"hooks-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"Hooks Ltd\"}");
        assertThat(tenant.status()).as(tenant.raw().body()).isEqualTo(201);
        OwnWildFly.Client a = server.withKey(tenant.json().get("apiKey").get("key").asText());
        assertThat(a.post("/purposes", "{\"key\":\"newsletter\",\"name\":\"Newsletter\"}").status()).isEqualTo(201);
        Api.Reply made = a.post("/webhooks", "{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"consent.*\"]}");
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);

        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String subject = "s-" + String.format("%02d", i);
            subjects.add(subject);
            Api.Reply r = a.post("/consents", "{\"subject\":\"" + subject + "\",\"purpose\":\"newsletter\",\"action\":\"grant\"}");
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        }
        receiver.await(4, Duration.ofSeconds(60));
        server.kill();
        int beforeRestart = receiver.received().size();
        assertThat(beforeRestart).as("the kill came mid-way").isLessThan(EVENTS);

        server.start();
        List<String> order = awaitAll(Duration.ofSeconds(120));
        assertThat(order).as("every event, first arrivals in the order they happened").containsExactlyElementsOf(subjects);
        int duplicates = receiver.received().size() - EVENTS;
        assertThat(duplicates).as("at most the one cut off by the kill came twice").isBetween(0, 1);
    }

    /** The subjects of the events in the order of their first arrival, once all arrived. */
    private List<String> awaitAll(Duration patience) throws Exception {
        long end = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < end) {
            Set<String> firstSeen = new LinkedHashSet<>();
            for (WebhookReceiver.Received r : receiver.received()) {
                JsonNode body = Api.JSON.readTree(r.body());
                firstSeen.add(body.get("data").get("subject").asText());
            }
            if (firstSeen.size() >= EVENTS) {
                return new ArrayList<>(firstSeen);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + receiver.received().size() + " webhook requests arrived after the restart");
    }
}
