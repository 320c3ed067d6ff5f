package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import org.custodia.platform.outbound.StandardWebhookSignature;

/**
 * Webhooks as a customer's system receives them: consent and request events, signed as the reference Standard
 * Webhooks library verifies (and refuses when tampered with or older than five minutes), a rotation's two signatures,
 * retries with growing waits while later events wait their turn, a subscription disabled after its last retry and an
 * event sent again by hand. The IT server retries after 1, 4 and 12 s ({@code custodia.webhook.retry.seconds}).
 */
@ExtendWith(ArquillianExtension.class)
class WebhookIT {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void eventsAreSignedAsTheReferenceLibraryVerifiesAndATamperedOrOldMessageIsRefused() throws Exception {
        Api.Tenant t = Api.newTenant("webhooks");
        purpose(t, "newsletter");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Reply made = t.api().post("/webhooks", "{\"url\":\"" + receiver.url("/custodia") + "\",\"description\":\"CRM\","
                    + "\"eventTypes\":[\"consent.*\"]}");
            assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
            String secret = made.json().get("secret").asText();
            String id = made.json().get("subscription").get("id").asText();
            assertThat(secret).startsWith("whsec_");
            assertThat(t.api().get("/webhooks/" + id).raw().body()).as("shown once").doesNotContain(secret.substring(6));
            assertThat(made.raw().headers().firstValue("Cache-Control").orElse("")).contains("no-store");

            record(t, "crm-7", "newsletter", "grant");
            record(t, "crm-7", "newsletter", "withdraw");
            List<WebhookReceiver.Received> got = receiver.await(2, PATIENCE);
            JsonNode granted = Api.JSON.readTree(got.get(0).body());
            JsonNode withdrawn = Api.JSON.readTree(got.get(1).body());
            assertThat(granted.get("type").asText()).as("in the order they happened").isEqualTo("consent.granted");
            assertThat(withdrawn.get("type").asText()).isEqualTo("consent.withdrawn");
            assertThat(withdrawn.get("data").get("subject").asText()).isEqualTo("crm-7");
            assertThat(withdrawn.get("data").get("purpose").asText()).isEqualTo("newsletter");
            assertThat(got.get(0).headers()).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
            assertThat(got.get(0).id()).isNotEqualTo(got.get(1).id());

            WebhookReceiver.Received first = got.get(0);
            long old = Instant.now().getEpochSecond() - 6 * 60;
            Map<String, String> oldHeaders = new TreeMap<>(first.headers());
            oldHeaders.put("webhook-timestamp", String.valueOf(old));
            oldHeaders.put("webhook-signature", StandardWebhookSignature.sign(secret, first.id(), old, first.body().getBytes(StandardCharsets.UTF_8)));
            Map<String, String> verdicts = StandardWebhooksReference.verify(List.of(
                    new StandardWebhooksReference.Case("granted", secret, first.headers(), first.body()),
                    new StandardWebhooksReference.Case("withdrawn", secret, got.get(1).headers(), got.get(1).body()),
                    new StandardWebhooksReference.Case("tampered", secret, first.headers(), first.body().replace("crm-7", "crm-8")),
                    new StandardWebhooksReference.Case("old", secret, oldHeaders, first.body()),
                    new StandardWebhooksReference.Case("other secret", StandardWebhookSignature.newSecret(), first.headers(), first.body())));
            assertThat(verdicts).containsEntry("granted", "ok").containsEntry("withdrawn", "ok")
                    .containsEntry("tampered", "No matching signature found").containsEntry("old", "Message timestamp too old")
                    .containsEntry("other secret", "No matching signature found");

            // a rotation: during the overlap both secrets sign, so receivers switch when they like
            Api.Reply rotated = t.api().post("/webhooks/" + id + "/rotate-secret", "{\"overlapHours\":1}");
            assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
            String next = rotated.json().get("secret").asText();
            assertThat(next).isNotEqualTo(secret);
            assertThat(t.api().post("/webhooks/" + id + "/ping", "").status()).isEqualTo(202);
            WebhookReceiver.Received ping = receiver.await(3, PATIENCE).get(2);
            assertThat(Api.JSON.readTree(ping.body()).get("type").asText()).isEqualTo("webhook.ping");
            assertThat(ping.headers().get("webhook-signature").split(" ")).hasSize(2);
            assertThat(StandardWebhooksReference.verify(List.of(
                    new StandardWebhooksReference.Case("old secret", secret, ping.headers(), ping.body()),
                    new StandardWebhooksReference.Case("new secret", next, ping.headers(), ping.body()))))
                    .containsEntry("old secret", "ok").containsEntry("new secret", "ok");

            JsonNode log = t.api().get("/webhooks/" + id + "/deliveries").json();
            assertThat(log).hasSize(3);
            assertThat(log.findValuesAsText("status")).containsOnly("DELIVERED");
            JsonNode attempts = t.api().get("/webhooks/" + id + "/deliveries/" + log.get(0).get("id").asText() + "/attempts").json();
            assertThat(attempts.get(0).get("status").asInt()).isEqualTo(204);
            assertThat(attempts.get(0).get("latencyMs").asInt()).isGreaterThanOrEqualTo(0);
        }
        // IT manages webhooks but reads no compliance content: it may not route consent or request events anywhere
        Api it = Api.withKey(DsarEndToEndIT.key(t, "IT"));
        Api.Reply itConsent = it.post("/webhooks", "{\"url\":\"http://127.0.0.1:9/it\",\"eventTypes\":[\"*\"]}");
        assertThat(itConsent.status()).as(itConsent.raw().body()).isEqualTo(403);
        assertThat(itConsent.json().get("errors").findValuesAsText("field")).containsExactly("eventTypes");
        Api.Reply itPing = it.post("/webhooks", "{\"url\":\"http://127.0.0.1:9/it\",\"eventTypes\":[\"webhook.ping\"]}");
        assertThat(itPing.status()).as(itPing.raw().body()).isEqualTo(201);
        String adminsId = t.api().get("/webhooks").json().get(0).get("id").asText();
        assertThat(it.put("/webhooks/" + adminsId, "{\"url\":\"http://127.0.0.1:9/elsewhere\",\"eventTypes\":[\"webhook.ping\"]}").status())
                .as("nor point an admin's consent subscription elsewhere").isEqualTo(403);

        Api.Reply badTypes = t.api().post("/webhooks", "{\"url\":\"https://hooks.example.org/x\",\"eventTypes\":[\"consent.teleported\"]}");
        assertThat(badTypes.status()).isEqualTo(422);
        assertThat(badTypes.json().get("errors").findValuesAsText("field")).containsExactly("eventTypes");
        Api.Reply metadata = t.api().post("/webhooks", "{\"url\":\"http://169.254.169.254/latest\",\"eventTypes\":[\"*\"]}");
        assertThat(metadata.status()).as("the outbound guard refuses it when saved").isEqualTo(422);
        assertThat(metadata.json().get("errors").findValuesAsText("field")).containsExactly("url");
    }

    @Test
    void aFailingReceiverGetsRetriesWithGrowingWaitsWhileLaterEventsWaitTheirTurn() throws Exception {
        Api.Tenant t = Api.newTenant("webhook-retries");
        purpose(t, "newsletter");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String firstId = null;
            receiver.answer((msg, n) -> n <= 3 && receiver.received().stream().allMatch(r -> r.id().equals(msg)) ? 500 : 204);
            subscribe(t, receiver, "[\"consent.*\"]");
            record(t, "a", "newsletter", "grant");
            record(t, "b", "newsletter", "grant");
            record(t, "a", "newsletter", "withdraw");
            List<WebhookReceiver.Received> got = receiver.await(6, PATIENCE);
            firstId = got.get(0).id();
            List<String> ids = got.stream().map(WebhookReceiver.Received::id).toList();
            assertThat(ids.subList(0, 4)).as("the first event, tried until it is taken").containsOnly(firstId);
            assertThat(got.subList(0, 4).stream().map(WebhookReceiver.Received::answered).toList()).containsExactly(500, 500, 500, 204);
            assertThat(ids.subList(4, 6)).as("the later ones only after it, in order").doesNotContain(firstId).doesNotHaveDuplicates();
            assertThat(Api.JSON.readTree(got.get(4).body()).get("data").get("subject").asText()).isEqualTo("b");
            assertThat(Api.JSON.readTree(got.get(5).body()).get("type").asText()).isEqualTo("consent.withdrawn");
            List<Duration> waits = new ArrayList<>();
            for (int i = 1; i < 4; i++) {
                waits.add(Duration.between(got.get(i - 1).at(), got.get(i).at()));
            }
            // each wait is its step (1, 4, 12 s) ±20 %, plus up to one dispatcher round (1 s) and some slack
            assertThat(waits.get(0)).as("about 1 s").isBetween(Duration.ofMillis(600), Duration.ofMillis(4000));
            assertThat(waits.get(1)).as("about 4 s").isBetween(Duration.ofMillis(3000), Duration.ofMillis(8000));
            assertThat(waits.get(2)).as("about 12 s").isBetween(Duration.ofMillis(9400), Duration.ofMillis(17_000));
        }
    }

    @Test
    void aSubscriptionIsDisabledAfterItsLastRetryAndAnEventCanBeSentAgainByHand() throws Exception {
        Api.Tenant t = Api.newTenant("webhook-dead");
        purpose(t, "newsletter");
        Accounts.Account it = Accounts.invited(t, "IT");
        int mailsBefore = TestMailServer.to(it.email()).size();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer((msg, n) -> 503);
            String id = subscribe(t, receiver, "[\"consent.granted\"]");
            record(t, "a", "newsletter", "grant");
            receiver.await(4, Duration.ofSeconds(60)); // the first try and three retries
            JsonNode subscription = awaitStatus(t, id, "DISABLED");
            assertThat(subscription.get("disabledReason").asText()).contains("failed 4 times");
            JsonNode failed = t.api().get("/webhooks/" + id + "/deliveries").json().get(0);
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(failed.get("lastStatus").asInt()).isEqualTo(503);
            JsonNode attempts = t.api().get("/webhooks/" + id + "/deliveries/" + failed.get("id").asText() + "/attempts").json();
            assertThat(attempts).hasSize(4);
            assertThat(attempts.get(0).get("response").asText()).contains("receiver says no");
            jakarta.mail.internet.MimeMessage told = TestMailServer.awaitMessage(it.email(), mailsBefore + 1, PATIENCE);
            assertThat(told.getSubject()).startsWith("A webhook of").endsWith("stopped");
            assertThat(TestMailServer.text(told)).contains("127.0.0.1").contains("failed 4 times").contains("/console/admin/webhooks?subscription=" + id);
            record(t, "b", "newsletter", "grant");
            Thread.sleep(2_000);
            assertThat(receiver.received()).as("a disabled subscription gets nothing").hasSize(4);

            receiver.answer((msg, n) -> 204);
            assertThat(t.api().post("/webhooks/" + id + "/enable", "").status()).isEqualTo(200);
            Api.Reply again = t.api().post("/webhooks/" + id + "/deliveries/" + failed.get("id").asText() + "/redeliver", "");
            assertThat(again.status()).as(again.raw().body()).isEqualTo(202);
            List<WebhookReceiver.Received> got = receiver.await(5, PATIENCE);
            assertThat(got.get(4).answered()).isEqualTo(204);
            assertThat(got.get(4).id()).as("the same event, the same webhook-id").isEqualTo(got.get(0).id());
            assertThat(got.get(4).body()).isEqualTo(got.get(0).body());
            Thread.sleep(1_000);
            assertThat(receiver.received()).as("what happened while it was disabled was never queued for it").hasSize(5);
        }
        String audit = t.api().get("/audit/events?latest=true&limit=200").raw().body();
        assertThat(audit).contains("webhook.created", "webhook.disabled", "webhook.enabled", "webhook.redelivered");
    }

    @Test
    void anEventThatEndedLongerAgoThanTheTenantKeepsThemIsForgottenWithItsAttempts() throws Exception {
        Api.Tenant t = Api.newTenant("webhook-forget");
        purpose(t, "newsletter");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = subscribe(t, receiver, "[\"consent.*\"]");
            record(t, "recent", "newsletter", "grant");
            receiver.await(1, PATIENCE);
            String recent = awaitDelivered(t, id);
            // one delivered 40 days ago (the default keeps 30), as an old installation holds it
            String old = java.util.UUID.randomUUID().toString();
            try (java.sql.Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("insert into app.webhook_delivery (id, tenant_id, subscription_id, event_id, event_type, payload, created_at,"
                        + " status, attempts, next_attempt_at, delivered_at, last_status) values ('" + old + "', '" + t.id() + "', '" + id
                        + "', gen_random_uuid(), 'consent.granted', '{\"data\":{\"subject\":\"long-ago\"}}', now() - interval '40 days',"
                        + " 'DELIVERED', 1, now() - interval '40 days', now() - interval '40 days', 204)");
                st.executeUpdate("insert into app.webhook_attempt values ('" + old + "', '" + t.id() + "', 1, now() - interval '40 days', 204, 3,"
                        + " null, null)");
            }
            assertThat(t.api().get("/webhooks/" + id + "/deliveries").json().findValuesAsText("id")).contains(old, recent);
            for (int i = 0; i < 100 && t.api().get("/webhooks/" + id + "/deliveries").json().findValuesAsText("id").contains(old); i++) {
                Thread.sleep(500); // the dispatcher forgets every 30 s
            }
            assertThat(t.api().get("/webhooks/" + id + "/deliveries").json().findValuesAsText("id")).as("the old one forgotten, the recent kept")
                    .doesNotContain(old).contains(recent);
            assertThat(t.api().get("/webhooks/" + id + "/deliveries/" + old + "/attempts").status()).isEqualTo(404);
        }
    }

    static String awaitDelivered(Api.Tenant t, String subscription) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode log = t.api().get("/webhooks/" + subscription + "/deliveries").json();
            if (log.size() > 0 && "DELIVERED".equals(log.get(0).get("status").asText())) {
                return log.get(0).get("id").asText();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nothing delivered for " + subscription);
    }

    static String subscribe(Api.Tenant t, WebhookReceiver receiver, String types) {
        Api.Reply made = t.api().post("/webhooks", "{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":" + types + "}");
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        return made.json().get("subscription").get("id").asText();
    }

    static void purpose(Api.Tenant t, String key) {
        assertThat(t.api().post("/purposes", "{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}").status()).isEqualTo(201);
    }

    static void record(Api.Tenant t, String subject, String purpose, String action) {
        Api.Reply r = t.api().post("/consents", "{\"subject\":\"" + subject + "\",\"purpose\":\"" + purpose + "\",\"action\":\"" + action + "\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    }

    static JsonNode awaitStatus(Api.Tenant t, String id, String status) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode s = t.api().get("/webhooks/" + id).json();
            if (status.equals(s.get("status").asText())) {
                return s;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("webhook " + id + " never " + status);
    }
}
