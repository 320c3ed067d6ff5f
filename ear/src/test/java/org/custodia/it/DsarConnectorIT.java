package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connectors and discovery on the server against a second real database: {@code custodia_sample} in the tests'
 * PostgreSQL, with a customers and an orders table this test creates, read by a role of its own. A request's
 * discovery stores what it found sealed and the request reaches review; a failing connector shows FAILED with
 * its cause, reaches an incident, is fixed and retried by a reviewer and the same process instance goes on; a
 * failing step can be skipped with a reason; an HTTP connector signs its call like Standard Webhooks. Credentials
 * never appear in answers, the audit chain or the server log.
 */
@ExtendWith(ArquillianExtension.class)
class DsarConnectorIT {

    static final String SAMPLE_DB = "custodia_sample";
    static final String READER = "custodia_sample_reader";
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();

    static HttpServer receiver;
    static final AtomicReference<String> receiverSecret = new AtomicReference<>();
    static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    static final List<String> badSignatures = new CopyOnWriteArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @BeforeAll
    static void sampleDatabaseAndReceiver() throws Exception {
        TestDatabase.recreateSampleDatabase(SAMPLE_DB, READER, PASSWORD);
        try (Connection c = TestDatabase.superuser(SAMPLE_DB); Statement s = c.createStatement()) {
            s.execute("create table customers (subject_id text primary key, name text not null, email text not null)");
            s.execute("create table orders (order_no text primary key, subject_id text not null, total numeric(10,2) not null)");
            s.execute("insert into customers values ('cust-1', 'Ada Lovelace', 'ada@example.org'), ('cust-2', 'Alan Turing', 'alan@example.org')");
            s.execute("insert into orders values ('ORD-1001', 'cust-1', 19.90), ('ORD-1002', 'cust-1', 5.00), ('ORD-2001', 'cust-2', 7.00)");
            s.execute("grant select on customers, orders to " + READER);
        }
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/discover", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String expected = hmac(receiverSecret.get(), id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8));
            byte[] answer;
            if (signature == null || !signature.equals("v1," + expected)) {
                badSignatures.add(String.valueOf(signature));
                answer = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, answer.length);
            } else {
                received.add(Api.JSON.readTree(body));
                answer = "{\"profile\":[{\"name\":\"Grace Hopper\"}],\"tickets\":[{\"id\":1,\"topic\":\"billing\"},{\"id\":2,\"topic\":\"login\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
            }
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    /** An independent computation of the Standard Webhooks signature (not the server's class). */
    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sampleUrl() {
        return "jdbc:postgresql://127.0.0.1:" + ItEnvironment.pgPort() + "/" + SAMPLE_DB;
    }

    static String jdbcConnector(String name, String password, String ordersTable) {
        return "{\"name\":\"" + name + "\",\"kind\":\"JDBC\",\"jdbcUrl\":\"" + sampleUrl() + "\",\"user\":\"" + READER
                + "\",\"password\":\"" + password + "\",\"queries\":["
                + "{\"category\":\"profile\",\"sql\":\"select name, email from customers where subject_id = :subject_id\"},"
                + "{\"category\":\"orders\",\"sql\":\"select order_no, total from " + ordersTable
                + " where subject_id = :subject_id order by order_no\"}]}";
    }

    static JsonNode created(Api.Tenant t, String body) {
        Api.Reply r = t.api().post("/connectors", body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    static String submit(Api.Tenant t, String subject) {
        Api.Reply r = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"" + subject + "\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static JsonNode awaitRequest(Api.Tenant t, String dsarId, String status) throws InterruptedException {
        return await(() -> t.api().get("/dsars/" + dsarId).json(), r -> status.equals(r.get("status").asText()),
                "DSAR " + dsarId + " in " + status);
    }

    static JsonNode awaitStep(Api.Tenant t, String dsarId, Predicate<JsonNode> wanted, String what) throws InterruptedException {
        return await(() -> {
            JsonNode steps = t.api().get("/dsars/" + dsarId + "/discovery").json().get("steps");
            return steps.size() == 1 ? steps.get(0) : null;
        }, s -> s != null && wanted.test(s), what);
    }

    interface Read {
        JsonNode read();
    }

    static JsonNode await(Read read, Predicate<JsonNode> wanted, String what) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(30);
        JsonNode last;
        do {
            last = read.read();
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(until));
        throw new AssertionError("waited for " + what + "; last: " + last);
    }

    /** A reviewer's retry; the engine may still be recording the failure for a moment (409 then). */
    static JsonNode retry(Api.Tenant t, String dsarId, String connectorId) throws InterruptedException {
        return await(() -> {
            Api.Reply r = t.api().post("/dsars/" + dsarId + "/discovery/" + connectorId + "/retry", "");
            assertThat(r.status()).as(r.raw().body()).isIn(200, 409);
            return r.status() == 200 ? r.json() : null;
        }, s -> s != null, "a retry accepted");
    }

    /** category → [row count, sealed bytes], as the database holds them (read as superuser). */
    static Map<String, Object[]> storedResults(String dsarId) throws SQLException {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement s = c.prepareStatement("select category, row_count, sealed_data from app.dsar_discovery_result"
                     + " where dsar_id = ?::uuid order by category")) {
            s.setString(1, dsarId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Object[] {rs.getInt(2), rs.getBytes(3)});
                }
            }
        }
        return rows;
    }

    static long count(String sql, String... args) throws SQLException {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aJdbcConnectorsFindingsAreStoredSealedAndTheRequestReachesReview() throws Exception {
        Api.Tenant t = Api.newTenant("connector");
        JsonNode c = created(t, jdbcConnector("shop", PASSWORD, "orders"));
        assertThat(c.get("signingSecret").isNull()).isTrue();
        assertThat(c.get("connector").get("passwordSet").asBoolean()).isTrue();
        assertThat(c.toString()).doesNotContain(PASSWORD);
        String connectorId = c.get("connector").get("id").asText();
        Api.Reply listed = t.api().get("/connectors");
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.raw().body()).doesNotContain(PASSWORD).contains("\"passwordSet\":true");
        assertThat(Api.newTenant("connector-other").api().get("/connectors/" + connectorId).status()).isEqualTo(404);

        String dsarId = submit(t, "cust-1");
        awaitRequest(t, dsarId, "IN_REVIEW");
        JsonNode step = t.api().get("/dsars/" + dsarId + "/discovery").json().get("steps").get(0);
        assertThat(step.get("connectorId").asText()).isEqualTo(connectorId);
        assertThat(step.get("status").asText()).isEqualTo("DONE");
        assertThat(step.get("attempts").asInt()).isEqualTo(1);

        Map<String, Object[]> stored = storedResults(dsarId);
        assertThat(stored.keySet()).containsExactly("orders", "profile");
        assertThat(stored.get("orders")[0]).isEqualTo(2); // cust-1's two orders, not cust-2's
        assertThat(stored.get("profile")[0]).isEqualTo(1);
        for (Object[] row : stored.values()) {
            String bytes = new String((byte[]) row[1], StandardCharsets.ISO_8859_1);
            assertThat(bytes).doesNotContain("Ada Lovelace").doesNotContain("ada@example.org").doesNotContain("ORD-1001");
        }
        // a step that did not fail is neither retried nor skipped
        assertThat(t.api().post("/dsars/" + dsarId + "/discovery/" + connectorId + "/retry", "").status()).isEqualTo(409);
        assertThat(t.api().post("/dsars/" + dsarId + "/discovery/" + connectorId + "/skip", "{\"reason\":\"x\"}").status()).isEqualTo(409);
    }

    @Test
    void aFailedStepShowsItsCauseAndAfterTheConnectorIsFixedARetryFinishesTheSameRequest() throws Exception {
        Api.Tenant t = Api.newTenant("connector-fail");
        String connectorId = created(t, jdbcConnector("shop", WRONG_PASSWORD, "orders")).get("connector").get("id").asText();
        String dsarId = submit(t, "cust-1");
        String processInstanceId = t.api().get("/dsars/" + dsarId).json().get("processInstanceId").asText();

        JsonNode failed = awaitStep(t, dsarId, s -> s.get("status").asText().equals("FAILED"), "a FAILED step");
        assertThat(failed.get("cause").asText()).contains("password authentication failed").doesNotContain(WRONG_PASSWORD);
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(t.api().get("/dsars/" + dsarId).json().get("status").asText()).isEqualTo("IN_PROGRESS");

        // retried while still broken: one more attempt, which fails again and leaves an incident (no minutes of waiting)
        assertThat(retry(t, dsarId, connectorId).get("status").asText()).isEqualTo("PENDING");
        awaitStep(t, dsarId, s -> s.get("status").asText().equals("FAILED") && s.get("attempts").asInt() == 2, "a second failure");
        await(() -> Api.JSON.valueToTree(countUnchecked("select count(*) from engine.act_ru_incident where proc_inst_id_ = ?",
                processInstanceId)), n -> n.asLong() == 1, "an incident");
        String incident = textOf("select incident_msg_ from engine.act_ru_incident where proc_inst_id_ = ?", processInstanceId);
        assertThat(incident).contains("password authentication failed").doesNotContain(WRONG_PASSWORD);

        // the skip needs a reason: refused, nothing changes
        Api.Reply noReason = t.api().post("/dsars/" + dsarId + "/discovery/" + connectorId + "/skip", "{\"reason\":\" \"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");

        Api.Reply fixed = t.api().put("/connectors/" + connectorId, jdbcConnector("shop", PASSWORD, "orders"));
        assertThat(fixed.status()).as(fixed.raw().body()).isEqualTo(200);
        assertThat(fixed.raw().body()).doesNotContain(PASSWORD);
        retry(t, dsarId, connectorId);
        awaitRequest(t, dsarId, "IN_REVIEW");
        JsonNode done = t.api().get("/dsars/" + dsarId + "/discovery").json().get("steps").get(0);
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("attempts").asInt()).isEqualTo(3);
        assertThat(t.api().get("/dsars/" + dsarId).json().get("processInstanceId").asText()).isEqualTo(processInstanceId);
        assertThat(count("select count(*) from engine.act_ru_incident where proc_inst_id_ = ?", processInstanceId)).isZero();
        assertThat(storedResults(dsarId).get("orders")[0]).isEqualTo(2);

        List<String> events = new ArrayList<>();
        t.api().get("/audit/events?limit=1000").json().forEach(e -> events.add(e.get("eventType").asText()));
        assertThat(events).contains("connector.created", "connector.updated", "dsar.discovery.failed", "dsar.discovery.retried",
                "dsar.discovery.done");
        // credentials reach neither the audit chain, nor the connector row in clear, nor the server log
        for (String secret : List.of(PASSWORD, WRONG_PASSWORD)) {
            assertThat(count("select count(*) from app.audit_event where payload::text like '%' || ? || '%'", secret)).isZero();
            assertThat(count("select count(*) from app.connector where position(convert_to(?, 'UTF8') in sealed_secret) > 0"
                    + " or jdbc_url like '%' || ? || '%'", secret, secret)).isZero();
            assertThat(Files.readString(Path.of(System.getProperty("custodia.it.base.dir"), "log", "server.log"))).doesNotContain(secret);
        }
    }

    @Test
    void aFailedStepCanBeSkippedWithAReasonAndTheRequestGoesOn() throws Exception {
        Api.Tenant t = Api.newTenant("connector-skip");
        String connectorId = created(t, jdbcConnector("legacy", PASSWORD, "missing_orders")).get("connector").get("id").asText();
        String dsarId = submit(t, "cust-2");
        JsonNode failed = awaitStep(t, dsarId, s -> s.get("status").asText().equals("FAILED"), "a FAILED step");
        assertThat(failed.get("cause").asText()).contains("relation \"missing_orders\" does not exist");

        JsonNode skipped = await(() -> {
            Api.Reply r = t.api().post("/dsars/" + dsarId + "/discovery/" + connectorId + "/skip",
                    "{\"reason\":\"legacy shop retired in 2024, no data kept\"}");
            return r.status() == 200 ? r.json() : null;
        }, s -> s != null, "a skip accepted");
        assertThat(skipped.get("status").asText()).isEqualTo("SKIPPED");
        awaitRequest(t, dsarId, "IN_REVIEW");
        JsonNode step = t.api().get("/dsars/" + dsarId + "/discovery").json().get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(step.get("skipReason").asText()).isEqualTo("legacy shop retired in 2024, no data kept");
        assertThat(step.get("cause").asText()).contains("missing_orders");
        assertThat(step.get("attempts").asInt()).isEqualTo(1); // the skipped step did not search again
        assertThat(storedResults(dsarId)).isEmpty();
    }

    @Test
    void anHttpConnectorSignsItsCallAndItsAnswerIsStoredSealed() throws Exception {
        Api.Tenant t = Api.newTenant("connector-http");
        String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/discover";
        JsonNode c = created(t, "{\"name\":\"crm\",\"kind\":\"HTTP\",\"endpointUrl\":\"" + endpoint + "\"}");
        String secret = c.get("signingSecret").asText();
        assertThat(secret).startsWith("whsec_");
        receiverSecret.set(secret);
        String connectorId = c.get("connector").get("id").asText();
        Api.Reply read = t.api().get("/connectors/" + connectorId);
        assertThat(read.raw().body()).doesNotContain(secret).doesNotContain(secret.substring(6)).contains("\"secretSet\":true");

        String dsarId = submit(t, "crm-7");
        awaitRequest(t, dsarId, "IN_REVIEW");
        assertThat(badSignatures).isEmpty();
        JsonNode call = received.stream().filter(b -> b.get("requestId").asText().equals(dsarId)).findFirst().orElseThrow();
        assertThat(call.get("requestType").asText()).isEqualTo("ACCESS");
        assertThat(call.get("identifiers").get("subjectId").asText()).isEqualTo("crm-7");
        Map<String, Object[]> stored = storedResults(dsarId);
        assertThat(stored.keySet()).containsExactly("profile", "tickets");
        assertThat(stored.get("tickets")[0]).isEqualTo(2);
        assertThat(new String((byte[]) stored.get("profile")[1], StandardCharsets.ISO_8859_1)).doesNotContain("Grace Hopper");
        assertThat(count("select count(*) from app.audit_event where payload::text like '%' || ? || '%'", secret.substring(6))).isZero();
        assertThat(Files.readString(Path.of(System.getProperty("custodia.it.base.dir"), "log", "server.log")))
                .doesNotContain(secret.substring(6));
    }

    @Test
    void badConnectorsAreRefusedFieldByFieldAndNothingIsWritten() {
        Api.Tenant t = Api.newTenant("connector-bad");
        Api.Reply r = t.api().post("/connectors", "{\"name\":\"x\",\"kind\":\"JDBC\",\"jdbcUrl\":\"" + sampleUrl()
                + "?socketFactory=evil.Factory\",\"user\":\"u\",\"password\":\"p\",\"queries\":["
                + "{\"category\":\"profile\",\"sql\":\"delete from customers where subject_id = :subject_id\"},"
                + "{\"category\":\"orders\",\"sql\":\"select * from orders where subject_id = '\\\" + :subject_id\"},"
                + "{\"category\":\"Bad Name\",\"sql\":\"select * from orders where id = :customer\"}]}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("jdbcUrl", "queries[0].sql", "queries[1].sql", "queries[2].category", "queries[2].sql");
        Api.Reply http = t.api().post("/connectors", "{\"name\":\"h\",\"kind\":\"HTTP\",\"endpointUrl\":\"ftp://example.org/x\"}");
        assertThat(http.status()).isEqualTo(422);
        assertThat(t.api().get("/connectors").json()).isEmpty();
    }

    static long countUnchecked(String sql, String arg) {
        try {
            return count(sql, arg);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String textOf(String sql, String arg) throws SQLException {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
