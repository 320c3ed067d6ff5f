package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The links a data subject gets by mail to the privacy center, through the public API: the acknowledgement's status
 * link (read as often as wanted, nothing about staff), and the consent link (asked for by address, answered alike for
 * unknown ones, at most one mail per cool-down; reads the person's consents, withdraws, honours GPC).
 */
@ExtendWith(ArquillianExtension.class)
class SubjectLinksIT {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Pattern STATUS_LINK = Pattern.compile("(http\\S+/privacy/([a-z0-9-]+)/status(\\?lang=[a-z-]+)?)#(dss_[A-Za-z0-9_-]{43})");
    static final Pattern CONSENT_LINK = Pattern.compile("(http\\S+/privacy/([a-z0-9-]+)/consents(\\?lang=[a-z-]+)?)#(dsc_[A-Za-z0-9_-]{43})");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void theAcknowledgementCarriesAStatusLinkThatShowsWhereTheRequestStands() throws Exception {
        Api.Tenant t = Api.newTenant("status-link");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"publishedResponseDays\":30}").status()).isEqualTo(200);
        String email = "status-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Api.Reply created = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ERASURE\",\"jurisdiction\":\"EU_GDPR\","
                + "\"receivedAt\":\"" + Instant.now().minus(java.time.Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "\",\"subject\":\"crm-9\",\"email\":\"" + email + "\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        MimeMessage acknowledgement = TestMailServer.awaitMessage(email, 1, PATIENCE);
        Matcher link = STATUS_LINK.matcher(TestMailServer.text(acknowledgement));
        assertThat(link.find()).as("a status link in: %s", TestMailServer.text(acknowledgement)).isTrue();
        assertThat(link.group(2)).isEqualTo(t.slug());
        assertThat(link.group(3)).as("staff gave no language: the page takes the browser's").isNull();
        assertThat(TestMailServer.html(acknowledgement)).contains("href=\"" + link.group(1).replace("&", "&amp;") + "#" + link.group(4) + "\"");
        String token = link.group(4);

        JsonNode dsar = t.api().get("/dsars/" + id).json();
        for (int read = 0; read < 2; read++) { // as often as wanted
            Api.Reply status = Api.anonymous().post("/public/dsars/status", "{\"token\":\"" + token + "\"}");
            assertThat(status.status()).as(status.raw().body()).isEqualTo(200);
            JsonNode s = status.json();
            assertThat(s.get("reference").asText()).isEqualTo(id);
            assertThat(s.get("type").asText()).isEqualTo("ERASURE");
            assertThat(s.get("jurisdiction").asText()).isEqualTo("EU_GDPR");
            assertThat(s.get("timeZone").asText()).isEqualTo("Europe/Berlin");
            assertThat(Instant.parse(s.get("dueAt").asText())).isEqualTo(Instant.parse(dsar.get("dueAt").asText()));
            assertThat(s.get("status").asText()).isIn("IN_PROGRESS", "IN_REVIEW", "AWAITING_IDENTITY", "RECEIVED");
            assertThat(s.get("extended").asBoolean()).isFalse();
            assertThat(fieldNames(s)).as("nothing about staff, nothing personal")
                    .containsExactlyInAnyOrder("reference", "organisation", "type", "jurisdiction", "status", "receivedAt", "dueAt",
                            "timeZone", "extended", "paused", "answeredAt");
            assertThat(status.raw().body()).doesNotContain(email).doesNotContain("crm-9");
        }

        // the extension shows on the page; the link is the one from before
        Api.Reply extended = t.api().post("/dsars/" + id + "/extension", "{\"reason\":\"Complexity: twelve systems to search\","
                + "\"noticeSentAt\":\"" + Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}");
        assertThat(extended.status()).as(extended.raw().body()).isEqualTo(200);
        JsonNode after = Api.anonymous().post("/public/dsars/status", "{\"token\":\"" + token + "\"}").json();
        assertThat(after.get("extended").asBoolean()).isTrue();
        assertThat(Instant.parse(after.get("dueAt").asText())).isAfter(Instant.parse(dsar.get("dueAt").asText()));

        // unknown, malformed, another kind of token, or in a query: the same 404, naming the field
        for (String body : new String[] {"{\"token\":\"dss_" + "A".repeat(43) + "\"}", "{\"token\":\"nope\"}", "{\"token\":null}",
                "{\"token\":\"" + token.replace("dss_", "dsd_") + "\"}"}) {
            Api.Reply refused = Api.anonymous().post("/public/dsars/status", body);
            assertThat(refused.status()).as(body).isEqualTo(404);
            assertThat(refused.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("token");
        }
        Api.Reply empty = Api.anonymous().post("/public/dsars/status", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Api.anonymous().get("/public/dsars/status?token=" + token).status()).as("no GET: the token stays out of URLs")
                .isIn(401, 404, 405);
    }

    @Test
    void aConsentLinkShowsThePersonsConsentsWithdrawsInOneClickAndHonoursGpc() throws Exception {
        Api.Tenant t = Api.newTenant("consent-link");
        String email = "consents-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        purpose(t, "newsletter", false);
        purpose(t, "ad-sharing", true);
        purpose(t, "never-asked", false);
        // the organisation knows the person under two ids, both with this address
        grant(t, "crm-1", "newsletter", email);
        grant(t, "shop-77", "newsletter", email.toUpperCase());
        grant(t, "crm-1", "ad-sharing", email);

        Api.Reply unknownOrg = Api.anonymous().post("/public/no-such-org-" + UUID.randomUUID() + "/consents/link",
                "{\"email\":\"" + email + "\",\"language\":\"hi\"}");
        String nobody = "nobody-" + UUID.randomUUID() + "@example.org";
        Api.Reply unknownAddress = Api.anonymous().post("/public/" + t.slug() + "/consents/link", "{\"email\":\"" + nobody + "\"}");
        Api.Reply asked = Api.anonymous().post("/public/" + t.slug() + "/consents/link", "{\"email\":\"" + email + "\",\"language\":\"hi\"}");
        assertThat(asked.status()).as(asked.raw().body()).isEqualTo(202);
        assertThat(unknownOrg.status()).isEqualTo(202);
        assertThat(unknownAddress.status()).isEqualTo(202);
        assertThat(unknownOrg.raw().body()).as("the answer tells nobody who has consents where")
                .isEqualTo(asked.raw().body()).isEqualTo(unknownAddress.raw().body());

        MimeMessage mail = TestMailServer.awaitMessage(email, 1, PATIENCE);
        Matcher link = CONSENT_LINK.matcher(TestMailServer.text(mail));
        assertThat(link.find()).as("a consent link in: %s", TestMailServer.text(mail)).isTrue();
        assertThat(link.group(2)).isEqualTo(t.slug());
        String token = link.group(4);
        // asking again at once mails nothing more (a stranger cannot flood the address)
        assertThat(Api.anonymous().post("/public/" + t.slug() + "/consents/link", "{\"email\":\"" + email + "\"}").status()).isEqualTo(202);
        Thread.sleep(3_000);
        assertThat(TestMailServer.to(email)).hasSize(1);
        assertThat(TestMailServer.to(nobody)).as("an address without consents gets nothing").isEmpty();
        String audit = t.api().get("/audit/events?latest=true&limit=1000").raw().body();
        assertThat(audit).contains("consent.manage_link.sent").doesNotContain(email);

        JsonNode view = open(token, null);
        assertThat(view.get("organisation").asText()).isNotBlank();
        Map<String, JsonNode> purposes = byKey(view);
        assertThat(purposes).as("what the person decided on, not every purpose").containsOnlyKeys("newsletter", "ad-sharing");
        assertThat(purposes.get("newsletter").get("allowed").asBoolean()).isTrue();
        assertThat(purposes.get("newsletter").get("name").asText()).isEqualTo("समाचार पत्र");
        assertThat(purposes.get("newsletter").get("text").asText()).isEqualTo("हम आपको महीने में एक बार उत्पाद समाचार ईमेल करते हैं।");
        assertThat(purposes.get("newsletter").get("textLanguage").asText()).isEqualTo("hi");
        assertThat(view.get("gpcRecorded")).isEmpty();
        assertThat(view.toString()).doesNotContain("crm-1").doesNotContain("shop-77").doesNotContain(email);

        // one click withdraws for every id of the address
        Api.Reply withdrawn = Api.anonymous().post("/public/consents/withdraw",
                "{\"token\":\"" + token + "\",\"purpose\":\"newsletter\",\"language\":\"hi\"}");
        assertThat(withdrawn.status()).as(withdrawn.raw().body()).isEqualTo(200);
        assertThat(withdrawn.json().get("allowed").asBoolean()).isFalse();
        assertThat(withdrawn.json().get("reason").asText()).isEqualTo("WITHDRAWN");
        for (String id : new String[] {"crm-1", "shop-77"}) {
            JsonNode check = t.api().get("/consents/check?subject=" + id + "&purpose=newsletter").json();
            assertThat(check.get("reason").asText()).as(id).isEqualTo("WITHDRAWN");
        }
        assertThat(t.api().get("/consents?subject=shop-77").raw().body()).contains("\"source\":\"web\"");
        assertThat(t.api().get("/consents/check?subject=crm-1&purpose=ad-sharing").json().get("allowed").asBoolean())
                .as("only the purpose clicked").isTrue();

        // Global Privacy Control, from the header or from the page's navigator.globalPrivacyControl
        Api.Reply gpc = Api.anonymous().send(Api.anonymous().request("/public/consents/view").header("Content-Type", "application/json")
                .header("Sec-GPC", "1").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")));
        assertThat(gpc.status()).as(gpc.raw().body()).isEqualTo(200);
        assertThat(gpc.json().get("gpcRecorded").toString()).isEqualTo("[\"ad-sharing\"]");
        assertThat(byKey(gpc.json()).get("ad-sharing").get("reason").asText()).isEqualTo("GPC_OPT_OUT");
        JsonNode check = t.api().get("/consents/check?subject=crm-1&purpose=ad-sharing").json();
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("reason").asText()).isEqualTo("GPC_OPT_OUT");
        assertThat(open(token, true).get("gpcRecorded")).as("recorded once").isEmpty();

        // the link opens this organisation's consents only, and nothing with a wrong token
        assertThat(Api.anonymous().post("/public/consents/withdraw", "{\"token\":\"" + token + "\",\"purpose\":\"no-such\"}").status())
                .isEqualTo(404);
        for (String body : new String[] {"{\"token\":\"dsc_" + "A".repeat(43) + "\"}", "{\"token\":\"dss_" + token.substring(4) + "\"}",
                "{\"token\":\"x\"}"}) {
            Api.Reply refused = Api.anonymous().post("/public/consents/view", body);
            assertThat(refused.status()).as(body).isEqualTo(404);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("token");
        }

        // an expired link opens nothing
        try (java.sql.Connection c = TestDatabase.superuser("custodia_it"); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("update app.consent_manage_token set expires_at = now() - interval '1 minute' where tenant_id = '" + t.id() + "'");
        }
        assertThat(Api.anonymous().post("/public/consents/view", "{\"token\":\"" + token + "\"}").status()).isEqualTo(404);

        // bad input: the field named, nothing mailed
        Api.Reply bad = Api.anonymous().post("/public/" + t.slug() + "/consents/link", "{\"email\":\"not-an-address\",\"language\":\"../x\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("email", "language");
        assertThat(Api.anonymous().post("/public/consents/withdraw", "{\"token\":\"" + token + "\",\"purpose\":\"Bad Key!\"}").status())
                .isEqualTo(422);
    }

    static void purpose(Api.Tenant t, String key, boolean honoursGpc) {
        Api.Reply defined = t.api().post("/purposes", "{\"key\":\"" + key + "\",\"name\":\"" + key + "\",\"names\":{\"hi\":\"समाचार पत्र\"},"
                + "\"honoursGpc\":" + honoursGpc + "}");
        assertThat(defined.status()).as(defined.raw().body()).isEqualTo(201);
        assertThat(t.api().post("/purposes/" + key + "/notices", "{\"texts\":{\"en\":\"We email you product news once a month.\","
                + "\"hi\":\"हम आपको महीने में एक बार उत्पाद समाचार ईमेल करते हैं।\"}}").status()).isEqualTo(201);
    }

    static void grant(Api.Tenant t, String subject, String purpose, String email) {
        Api.Reply r = t.api().post("/consents", "{\"subject\":\"" + subject + "\",\"purpose\":\"" + purpose + "\",\"action\":\"grant\","
                + "\"email\":\"" + email + "\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    }

    static JsonNode open(String token, Boolean gpc) {
        Api.Reply r = Api.anonymous().post("/public/consents/view", "{\"token\":\"" + token + "\",\"language\":\"hi\""
                + (gpc == null ? "" : ",\"gpc\":" + gpc) + "}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    static Map<String, JsonNode> byKey(JsonNode view) {
        Map<String, JsonNode> purposes = new java.util.LinkedHashMap<>();
        view.get("purposes").forEach(p -> purposes.put(p.get("purpose").asText(), p));
        return purposes;
    }

    static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
