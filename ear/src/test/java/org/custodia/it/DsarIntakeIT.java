package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DSAR intake on WildFly + PostgreSQL + GreenMail: the public form, the email confirmation link (looked at
 * without being used, used once, refused when used or expired), the acknowledgement to the confirmed address,
 * contact data sealed with a per-tenant blind index, duplicates linked, staff intake with an agent, bad input
 * writing nothing, and the per-address limit.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the row-count tests first, before requests of this class move in the background
class DsarIntakeIT {

    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final Pattern LINK_TOKEN = Pattern.compile("(dsv_[A-Za-z0-9_-]{43})");
    /** The IT server's per-address limit ({@code custodia.dsar.intake.per.hour} in arquillian.xml). */
    static final int PER_HOUR = 60;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void aPublicRequestGoesOnOnceItsSubjectConfirmsTheLinkAndIsAcknowledgedThere() throws Exception {
        Api.Tenant t = Api.newTenant("intake");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"country\":\"DE\"}").status()).isEqualTo(200);
        String email = "subject-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

        Api.Reply accepted = Api.anonymous().post("/public/" + t.slug() + "/dsars",
                "{\"type\":\"ACCESS\",\"email\":\"" + email + "\",\"name\":\"Ana Beispiel\",\"details\":\"my orders\",\"language\":\"de-DE\"}");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        assertThat(accepted.raw().body()).doesNotContain(email).doesNotContain("Ana");
        String reference = accepted.json().get("reference").asText();

        JsonNode waiting = waitFor(t.api(), reference, r -> "AWAITING_IDENTITY".equals(r.path("status").asText()));
        assertThat(waiting.get("status").asText()).isEqualTo("AWAITING_IDENTITY");
        assertThat(waiting.get("jurisdiction").asText()).as("inferred from the calendar's country").isEqualTo("EU_GDPR");
        assertThat(waiting.get("identityCheck").asText()).isEqualTo("EMAIL_LINK");
        assertThat(waiting.get("subject").isNull()).isTrue();
        assertThat(Instant.parse(waiting.get("identityExpiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(120), Instant.now().plus(Duration.ofDays(7)));
        assertThat(waiting.get("identityConfirmedAt").isNull()).isTrue();
        assertThat(waiting.toString()).doesNotContain(email);

        MimeMessage verification = TestMailServer.awaitMessage(email, 1, PATIENCE);
        assertThat(verification.getSubject()).as("in the subject's language").startsWith("Bestätigen Sie Ihre E-Mail-Adresse");
        String token = linkToken(verification);

        // looking (JSON, and the page a browser or a mail scanner opens) uses nothing
        for (int i = 0; i < 2; i++) {
            Api.Reply look = Api.anonymous().send(Api.anonymous().request("/public/dsars/confirm?token=" + token)
                    .header("Accept", "application/json").GET());
            assertThat(look.status()).as(look.raw().body()).isEqualTo(200);
            assertThat(look.json().get("state").asText()).isEqualTo("VALID");
            assertThat(look.json().get("organisation").asText()).isEqualTo("intake Ltd");
        }
        Api.Reply page = Api.anonymous().send(Api.anonymous().request("/public/dsars/confirm?token=" + token)
                .header("Accept", "text/html").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.raw().body()).contains("<form method=\"post\"").contains(token);
        assertThat(waitFor(t.api(), reference, r -> true).get("status").asText()).isEqualTo("AWAITING_IDENTITY");

        Api.Reply confirmed = Api.anonymous().post("/public/dsars/confirm", "{\"token\":\"" + token + "\"}");
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        assertThat(confirmed.json().get("confirmed").asBoolean()).isTrue();

        JsonNode moved = waitFor(t.api(), reference, r -> "IN_REVIEW".equals(r.path("status").asText()));
        assertThat(moved.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(moved.get("identityConfirmedAt").isNull()).isFalse();
        assertThat(moved.get("receivedAt").asText()).as("the deadline still counts from receipt").isEqualTo(waiting.get("receivedAt").asText());
        assertThat(moved.get("dueAt").asText()).isEqualTo(waiting.get("dueAt").asText());

        MimeMessage acknowledgement = TestMailServer.awaitMessage(email, 2, PATIENCE);
        assertThat(TestMailServer.text(acknowledgement)).contains(reference);

        Api.Reply again = Api.anonymous().post("/public/dsars/confirm", "{\"token\":\"" + token + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        Api.Reply unknown = Api.anonymous().post("/public/dsars/confirm", "{\"token\":\"dsv_" + "A".repeat(43) + "\"}");
        assertThat(unknown.status()).isEqualTo(422);

        // the staff view opens the contact only when asked, and audits that it did
        Api.Reply contact = t.api().get("/dsars/" + reference + "/contact");
        assertThat(contact.status()).as(contact.raw().body()).isEqualTo(200);
        assertThat(contact.json().get("email").asText()).isEqualTo(email);
        assertThat(contact.json().get("name").asText()).isEqualTo("Ana Beispiel");
        assertThat(contact.json().get("language").asText()).isEqualTo("de");

        Api.Reply events = t.api().get("/audit/events?limit=1000");
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.raw().body()).contains("dsar.identity.link_sent", "dsar.identity.confirmed", "dsar.identity.link_refused",
                "dsar.contact.recorded", "dsar.contact.viewed", "dsar.acknowledged");
        assertThat(events.raw().body()).doesNotContain(email).doesNotContain("Ana Beispiel").doesNotContain(token);

        assertAbsentFromDatabase(email, "Ana Beispiel", token);
    }

    @Test
    void anExpiredLinkIsRefusedAndTheUnconfirmedRequestCloses() throws Exception {
        Api.Tenant t = Api.newTenant("intake-expiry");
        Api.Reply set = t.api().put("/settings/dsar-intake", "{\"identityLinkValidity\":\"PT4S\",\"duplicateWindow\":\"P30D\"}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().get("identityLinkValidity").asText()).isEqualTo("PT4S");
        String email = "late-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Api.Reply accepted = Api.anonymous().post("/public/" + t.slug() + "/dsars",
                "{\"type\":\"ERASURE\",\"jurisdiction\":\"UK_GDPR\",\"email\":\"" + email + "\"}");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        String reference = accepted.json().get("reference").asText();
        String token = linkToken(TestMailServer.awaitMessage(email, 1, PATIENCE));
        assertThat(TestMailServer.awaitMessage(email, 1, PATIENCE).getSubject()).startsWith("Confirm your email address");

        JsonNode closed = waitFor(t.api(), reference, r -> "IDENTITY_NOT_CONFIRMED".equals(r.path("status").asText()));
        assertThat(closed.get("status").asText()).isEqualTo("IDENTITY_NOT_CONFIRMED");
        Api.Reply refused = Api.anonymous().post("/public/dsars/confirm", "{\"token\":\"" + token + "\"}");
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(410);
        Api.Reply look = Api.anonymous().send(Api.anonymous().request("/public/dsars/confirm?token=" + token)
                .header("Accept", "application/json").GET());
        assertThat(look.json().get("state").asText()).isEqualTo("EXPIRED");
        assertThat(waitFor(t.api(), reference, r -> true).get("identityConfirmedAt").isNull()).isTrue();
        assertThat(t.api().get("/audit/events?limit=1000").raw().body()).contains("dsar.identity.link_refused", "EXPIRED")
                .doesNotContain("dsar.identity.confirmed");
        assertThat(TestMailServer.to(email)).as("no acknowledgement").hasSize(1);
    }

    @Test
    void repeatsOfOneSubjectAndTypeAreLinkedThroughAPerTenantBlindIndex() throws Exception {
        Api.Tenant a = Api.newTenant("intake-dup");
        Api.Tenant b = Api.newTenant("intake-dup-other");
        String email = "repeat-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String first = publicRequest(a, "ACCESS", email);
        String second = publicRequest(a, "ACCESS", "  " + email.toUpperCase() + " ");
        String third = publicRequest(a, "ACCESS", email);
        String otherType = publicRequest(a, "RECTIFICATION", email);
        String otherTenant = publicRequest(b, "ACCESS", email);

        assertThat(view(a, first).get("duplicateOf").isNull()).isTrue();
        assertThat(view(a, second).get("duplicateOf").asText()).isEqualTo(first);
        assertThat(view(a, third).get("duplicateOf").asText()).as("a chain points at its first request").isEqualTo(first);
        assertThat(view(a, otherType).get("duplicateOf").isNull()).isTrue();
        assertThat(view(b, otherTenant).get("duplicateOf").isNull()).isTrue();
        assertThat(waitFor(a.api(), second, r -> "AWAITING_IDENTITY".equals(r.path("status").asText())).get("status").asText())
                .as("a duplicate still goes on").isEqualTo("AWAITING_IDENTITY");

        // staff intake with the subject's address joins the same index
        Api.Reply staff = a.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"crm-42\",\"email\":\""
                + email + "\"}");
        assertThat(staff.status()).as(staff.raw().body()).isEqualTo(201);
        assertThat(staff.json().get("duplicateOf").asText()).isEqualTo(first);
        assertThat(a.api().get("/audit/events?limit=1000").raw().body()).contains("dsar.duplicate.linked").doesNotContain(email);

        Map<String, String> index = blindIndexes(List.of(first, second, third, otherType, otherTenant));
        assertThat(index.get(first)).matches("[0-9a-f]{64}").isEqualTo(index.get(second)).isEqualTo(index.get(otherType));
        assertThat(index.get(otherTenant)).as("another tenant's key").isNotEqualTo(index.get(first));
    }

    @Test
    void staffIntakeForAnAuthorisedAgentMailsTheAgent() throws Exception {
        Api.Tenant t = Api.newTenant("intake-agent");
        String subject = "client-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        Api.Reply created = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"US_CA_CCPA\",\"subject\":\"crm-7\",\"email\":\""
                + subject + "\",\"agent\":{\"name\":\"Privacy Agents LLP\",\"email\":\"" + agent
                + "\",\"authorisationEvidence\":\"signed permission 2026-11-30, ref PA-77\"}}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.raw().body()).doesNotContain(subject).doesNotContain(agent).doesNotContain("PA-77");

        MimeMessage acknowledgement = TestMailServer.awaitMessage(agent, 1, PATIENCE);
        assertThat(TestMailServer.text(acknowledgement)).contains(id);
        assertThat(TestMailServer.to(subject)).as("the agent acts for the subject").isEmpty();

        JsonNode contact = t.api().get("/dsars/" + id + "/contact").json();
        assertThat(contact.get("email").asText()).isEqualTo(subject);
        assertThat(contact.get("agent").get("email").asText()).isEqualTo(agent);
        assertThat(contact.get("agent").get("authorisationEvidence").asText()).contains("PA-77");
        assertAbsentFromDatabase(subject, agent, "PA-77");
    }

    @Test
    @Order(1)
    void badInputIsRefusedByFieldAndWritesNothing() throws Exception {
        Api.Tenant t = Api.newTenant("intake-bad"); // no calendar country: nothing to infer a law from
        Map<String, Long> before = BadInputIT.rowCounts();
        assertProblem(Api.anonymous().post("/public/" + t.slug() + "/dsars", "{\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\"}"), "email");
        assertProblem(Api.anonymous().post("/public/" + t.slug() + "/dsars",
                "{\"type\":\"NOPE\",\"jurisdiction\":\"MARS\",\"email\":\"not-an-address\",\"language\":\"../x\"}"),
                "type", "jurisdiction", "email", "language");
        assertProblem(Api.anonymous().post("/public/" + t.slug() + "/dsars",
                "{\"type\":\"NOMINATION\",\"jurisdiction\":\"EU_GDPR\",\"email\":\"a@example.org\"}"), "type");
        assertProblem(Api.anonymous().post("/public/" + t.slug() + "/dsars", "{\"type\":\"ACCESS\",\"email\":\"a@example.org\"}"),
                "jurisdiction");
        assertProblem(Api.anonymous().post("/public/no-such-org-" + UUID.randomUUID() + "/dsars",
                "{\"type\":\"ACCESS\",\"email\":\"x\"}"), "email");
        assertProblem(t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"s\",\"email\":\"nope\","
                + "\"agent\":{\"name\":\"\",\"email\":\"a@\"}}"), "email", "agent.name", "agent.email", "agent.authorisationEvidence");
        assertProblem(t.api().put("/settings/dsar-intake", "{\"identityLinkValidity\":\"P1Y\",\"duplicateWindow\":\"soon\"}"),
                "identityLinkValidity", "duplicateWindow");

        // an unknown organisation answers like a known one: 202 with a reference, and nothing happens
        Api.Reply unknown = Api.anonymous().post("/public/no-such-org-" + UUID.randomUUID() + "/dsars",
                "{\"type\":\"ACCESS\",\"email\":\"ghost@example.org\"}");
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.json().fieldNames()).toIterable().containsExactly("reference", "next");
        assertThat(UUID.fromString(unknown.json().get("reference").asText())).isNotNull();
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
        Thread.sleep(1000);
        assertThat(TestMailServer.to("ghost@example.org")).isEmpty();
    }

    @Test
    @Order(2)
    void thePublicIntakeIsLimitedPerClientAddress() throws Exception {
        Api.Tenant t = Api.newTenant("intake-limit");
        String unknownSlug = "/public/no-such-org-" + UUID.randomUUID() + "/dsars";
        String body = "{\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"email\":\"flood@example.org\"}";
        // from another loopback address, so the other tests' budget (127.0.0.1) stays whole
        for (int i = 0; i < PER_HOUR; i++) {
            RawReply r = postFrom("127.0.0.2", unknownSlug, body);
            assertThat(r.status()).as("request " + i).isEqualTo(202);
        }
        Map<String, Long> before = BadInputIT.rowCounts();
        RawReply refused = postFrom("127.0.0.2", "/public/" + t.slug() + "/dsars", body);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).contains("content-type: application/problem+json");
        Matcher retry = Pattern.compile("(?m)^retry-after: (\\d+)").matcher(refused.headers());
        assertThat(retry.find()).isTrue();
        assertThat(Long.parseLong(retry.group(1))).isBetween(1L, 3600L);
        assertThat(postFrom("127.0.0.2", unknownSlug, body).status()).isEqualTo(429);
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
        assertThat(postFrom("127.0.0.3", unknownSlug, body).status()).as("another address").isEqualTo(202);
    }

    // --- helpers ---

    private static String publicRequest(Api.Tenant t, String type, String email) {
        Api.Reply r = Api.anonymous().post("/public/" + t.slug() + "/dsars",
                "{\"type\":\"" + type + "\",\"jurisdiction\":\"EU_GDPR\",\"email\":\"" + email.replace("\"", "") + "\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(202);
        return r.json().get("reference").asText();
    }

    private static JsonNode view(Api.Tenant t, String id) {
        Api.Reply r = t.api().get("/dsars/" + id);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    private static void assertProblem(Api.Reply r, String... fields) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> named = new ArrayList<>();
        r.json().get("errors").forEach(e -> named.add(e.get("field").asText()));
        assertThat(named).containsExactlyInAnyOrder(fields);
    }

    private static String linkToken(MimeMessage mail) {
        Matcher m = LINK_TOKEN.matcher(TestMailServer.text(mail));
        assertThat(m.find()).as("a confirmation link in the mail").isTrue();
        return m.group(1);
    }

    private static JsonNode waitFor(Api api, String id, Predicate<JsonNode> ready) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        JsonNode dsar;
        do {
            dsar = api.get("/dsars/" + id).json();
            if (ready.test(dsar)) {
                return dsar;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(until));
        return dsar;
    }

    private static Map<String, String> blindIndexes(List<String> ids) throws Exception {
        Map<String, String> index = new java.util.HashMap<>();
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement s = c.prepareStatement("select dsar_id::text, email_index from app.dsar_contact where dsar_id = any (?::uuid[])")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    index.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        assertThat(index).hasSize(ids.size());
        return index;
    }

    /** No row of the tables that hold the request, its mail, its audit trail or its process carries these values in clear. */
    private static void assertAbsentFromDatabase(String... values) throws Exception {
        List<String> tables = List.of("app.dsar_request", "app.dsar_contact", "app.dsar_identity_token", "app.audit_event",
                "app.mail_outbox", "engine.act_ru_variable", "engine.act_hi_varinst", "engine.act_ge_bytearray",
                "engine.act_hi_detail", "engine.act_ru_job");
        // as superuser: row-level security (forced on the owner too) hides nothing from it
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select coalesce(string_agg(t::text, ' '), '') from " + table + " t")) {
                    rs.next();
                    String rows = rs.getString(1);
                    for (String value : values) {
                        String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
                        assertThat(rows).as(table).doesNotContainIgnoringCase(value).doesNotContain(hex);
                    }
                }
            }
        }
    }

    private record RawReply(int status, String headers) {
    }

    /** A POST from a chosen loopback address (java.net.http cannot bind its local address on Java 17). */
    private static RawReply postFrom(String localAddress, String path, String json) throws IOException {
        URI base = URI.create(ItEnvironment.apiBase());
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getByName(base.getHost()), base.getPort(), InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + base.getPath() + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            String head = (headEnd < 0 ? response : response.substring(0, headEnd)).toLowerCase(java.util.Locale.ROOT);
            int status = Integer.parseInt(head.substring(9, 12));
            return new RawReply(status, head.replace("\r\n", "\n"));
        }
    }
}
