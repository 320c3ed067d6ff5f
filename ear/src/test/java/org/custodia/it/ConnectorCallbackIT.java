package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP connector that answers a search with 202 and calls back later: the search waits AWAITING; its callback,
 * signed with the connector's secret like Standard Webhooks, stores what it found and the request goes on to review.
 * Refused with nothing written: a tampered body, a timestamp over five minutes old, another secret, an unknown
 * connector (all the same 401), a body of the wrong shape (422), a request not waiting (409). A second delivery of
 * the same webhook-id answers 200 and changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectorCallbackIT {

    static HttpServer connector;
    /** The callbackUrl of each search the connector was asked, by requestId. */
    static final java.util.Map<String, String> callbackUrls = new java.util.concurrent.ConcurrentHashMap<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @BeforeAll
    static void connectorThatCallsBack() throws Exception {
        connector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        connector.createContext("/later", exchange -> {
            JsonNode search = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
            callbackUrls.put(search.get("requestId").asText(), search.get("callbackUrl").asText());
            exchange.sendResponseHeaders(202, -1); // "I'll call back"
            exchange.close();
        });
        connector.start();
    }

    @AfterAll
    static void stop() {
        connector.stop(0);
    }

    record Delivery(String id, long timestamp, String body, String signature) {
    }

    static Delivery signed(String secret, String id, long timestamp, String body) {
        return new Delivery(id, timestamp, body, "v1," + DsarConnectorIT.hmac(secret, id + "." + timestamp + "." + body));
    }

    static Api.Reply deliver(String connectorId, Delivery d) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ItEnvironment.apiBase() + "/connectors/" + connectorId + "/callback"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("webhook-id", d.id()).header("webhook-timestamp", String.valueOf(d.timestamp()))
                .header("webhook-signature", d.signature()).POST(HttpRequest.BodyPublishers.ofString(d.body()));
        return Api.anonymous().send(b);
    }

    static String result(String dsarId, String name) {
        return "{\"type\":\"dsar.discovery.result\",\"requestId\":\"" + dsarId + "\",\"data\":{\"profile\":[{\"name\":\"" + name
                + "\"}],\"tickets\":[{\"id\":1},{\"id\":2},{\"id\":3}]}}";
    }

    @Test
    void aSignedCallbackAnswersTheWaitingSearchOnceAndEverythingElseIsRefusedWithoutWriting() throws Exception {
        Api.Tenant t = Api.newTenant("callback");
        String endpoint = "http://127.0.0.1:" + connector.getAddress().getPort() + "/later";
        JsonNode c = DsarConnectorIT.created(t, "{\"name\":\"crm\",\"kind\":\"HTTP\",\"endpointUrl\":\"" + endpoint + "\"}");
        String secret = c.get("signingSecret").asText();
        String connectorId = c.get("connector").get("id").asText();
        String dsarId = DsarConnectorIT.submit(t, "late-1");
        DsarConnectorIT.awaitStep(t, dsarId, s -> s.get("status").asText().equals("AWAITING"), "the search awaiting its callback");
        assertThat(callbackUrls.get(dsarId)).as("the search names where to call back")
                .isEqualTo("http://127.0.0.1:" + ItEnvironment.required("custodia.it.http.port") + "/api/v1/connectors/" + connectorId + "/callback");
        assertThat(t.api().get("/dsars/" + dsarId).json().get("status").asText()).as("no review before the data").isEqualTo("IN_PROGRESS");
        String otherDsar = DsarConnectorIT.submit(t, "late-2"); // also waiting; used below for a wrong-shape body only

        long now = Instant.now().getEpochSecond();
        String body = result(dsarId, "Grace Hopper");
        Delivery genuine = signed(secret, "msg_" + UUID.randomUUID(), now, body);
        Delivery tampered = new Delivery(genuine.id(), now, result(dsarId, "Mallory"), genuine.signature());
        Delivery stale = signed(secret, "msg_" + UUID.randomUUID(), now - 6 * 60, body);
        Delivery otherSecret = signed("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), "msg_" + UUID.randomUUID(), now, body);
        for (Delivery refused : new Delivery[] {tampered, stale, otherSecret}) {
            Api.Reply r = deliver(connectorId, refused);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        Api.Reply unknown = deliver(UUID.randomUUID().toString(), genuine);
        assertThat(unknown.status()).as("an unknown connector is refused like a bad signature").isEqualTo(401);
        assertThat(unknown.json().get("detail").asText()).isEqualTo(deliver(connectorId, tampered).json().get("detail").asText());
        assertThat(deliver("not-a-uuid", genuine).status()).isEqualTo(401);

        Api.Reply wrongType = deliver(connectorId, signed(secret, "msg_" + UUID.randomUUID(), now,
                "{\"type\":\"something.else\",\"requestId\":\"" + otherDsar + "\",\"data\":{}}"));
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.json().get("errors").get(0).get("field").asText()).isEqualTo("type");
        Api.Reply notCategories = deliver(connectorId, signed(secret, "msg_" + UUID.randomUUID(), now,
                "{\"type\":\"dsar.discovery.result\",\"requestId\":\"" + otherDsar + "\",\"data\":{\"profile\":\"Ada\"}}"));
        assertThat(notCategories.status()).isEqualTo(422);
        assertThat(notCategories.json().get("errors").get(0).get("field").asText()).isEqualTo("data");
        Api.Reply notWaiting = deliver(connectorId, signed(secret, "msg_" + UUID.randomUUID(), now, result(UUID.randomUUID().toString(), "X")));
        assertThat(notWaiting.status()).isEqualTo(409);
        Api.Tenant other = Api.newTenant("callback-other");
        String foreign = DsarConnectorIT.submit(other, "theirs-1");
        Api.Reply crossTenant = deliver(connectorId, signed(secret, "msg_" + UUID.randomUUID(), now, result(foreign, "X")));
        assertThat(crossTenant.status()).as("another organisation's request is not this connector's to answer").isEqualTo(409);
        assertThat(DsarConnectorIT.storedResults(foreign)).isEmpty();
        assertThat(DsarConnectorIT.storedResults(dsarId)).as("nothing stored by a refused callback").isEmpty();
        assertThat(DsarConnectorIT.count("select count(*) from app.connector_callback where connector_id = ?::uuid", connectorId))
                .as("no refused callback's id kept").isZero();

        Api.Reply accepted = deliver(connectorId, genuine);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        assertThat(accepted.json().get("duplicate").asBoolean()).isFalse();
        DsarConnectorIT.awaitRequest(t, dsarId, "IN_REVIEW");
        assertThat(DsarConnectorIT.storedResults(dsarId).keySet()).containsExactly("profile", "tickets");
        assertThat(DsarConnectorIT.storedResults(dsarId).get("tickets")[0]).isEqualTo(3);
        assertThat(t.api().get("/dsars/" + dsarId + "/discovery").json().get("steps").get(0).get("status").asText()).isEqualTo("DONE");

        Api.Reply again = deliver(connectorId, signed(secret, genuine.id(), Instant.now().getEpochSecond(), result(dsarId, "Changed")));
        assertThat(again.status()).as("the same webhook-id once more: accepted, and nothing changes").isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(DsarConnectorIT.count("select count(*) from app.audit_event where event_type = 'dsar.discovery.called_back'"
                + " and entity_id = ?", dsarId)).isEqualTo(1);
        assertThat(DsarConnectorIT.count("select count(*) from app.audit_event where event_type = 'dsar.discovery.awaiting'"
                + " and entity_id = ?", dsarId)).isEqualTo(1);
        Api.Reply late = deliver(connectorId, signed(secret, "msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), body));
        assertThat(late.status()).as("a new delivery for a search already answered").isEqualTo(409);
        assertThat(new String((byte[]) DsarConnectorIT.storedResults(dsarId).get("profile")[1], StandardCharsets.ISO_8859_1))
                .doesNotContain("Grace Hopper");
    }
}
