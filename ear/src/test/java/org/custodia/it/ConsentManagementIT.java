package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.X509CertUtils;

import org.erdtman.jcs.JsonCanonicalizer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Consent management end to end: notices, every reason code, GPC, expiry, receipts, withdrawal links, bulk, the change feed. */
@ExtendWith(ArquillianExtension.class)
class ConsentManagementIT {

    static final String[] LANGUAGES = {"en", "hi", "bn", "mr", "te", "ta", "gu", "kn", "ml"};

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static String purpose(Api.Tenant t, String key, boolean gpc, boolean reconsent) {
        Api.Reply r = t.api().post("/purposes", "{\"key\":\"" + key + "\",\"name\":\"" + key + "\",\"honoursGpc\":" + gpc
                + ",\"reconsentOnNoticeChange\":" + reconsent + "}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return key;
    }

    static JsonNode grant(Api api, String subject, String purpose, String extra) {
        Api.Reply r = api.post("/consents", "{\"subject\":\"" + subject + "\",\"purpose\":\"" + purpose + "\",\"action\":\"grant\"" + extra + "}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    static JsonNode check(Api api, String subject, String purpose) {
        return api.get("/consents/check?subject=" + subject + "&purpose=" + purpose).json();
    }

    static String textsJson(String prefix) {
        StringBuilder b = new StringBuilder("{");
        for (String l : LANGUAGES) {
            b.append(b.length() > 1 ? "," : "").append('"').append(l).append("\":\"").append(prefix).append(" (").append(l).append(")\"");
        }
        return b.append('}').toString();
    }

    @Test
    void noticesAreVersionedHashedAndWrittenInEnglishAndEightIndianLanguages() throws Exception {
        Api.Tenant t = Api.newTenant("notices");
        purpose(t, "marketing", false, true);
        List<String> codes = t.api().get("/notice-languages").json().findValuesAsText("code");
        assertThat(codes).contains(LANGUAGES);
        Api.Reply v1 = t.api().post("/purposes/marketing/notices", "{\"texts\":" + textsJson("We email offers") + "}");
        assertThat(v1.status()).as(v1.raw().body()).isEqualTo(201);
        assertThat(v1.json().get("version").asInt()).isEqualTo(1);
        // the hash is SHA-256 over the RFC 8785 canonical JSON of purpose, version and texts: recomputed here
        String canonical = new JsonCanonicalizer("{\"purpose\":\"marketing\",\"version\":1,\"texts\":" + textsJson("We email offers") + "}")
                .getEncodedString();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes("UTF-8")));
        assertThat(v1.json().get("contentHash").asText()).isEqualTo(expected);
        JsonNode tamil = t.api().get("/purposes/marketing/notices/1?lang=ta").json();
        assertThat(tamil.get("language").asText()).isEqualTo("ta");
        assertThat(tamil.get("text").asText()).isEqualTo("We email offers (ta)");
        assertThat(tamil.get("hashVerifies").asBoolean()).isTrue();
        Api.Reply bad = t.api().post("/purposes/marketing/notices", "{\"texts\":{\"xx\":\"?\",\"en\":\"\"}}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field")).contains("texts.xx", "texts.en");
        assertThat(t.api().get("/purposes/marketing/notices").json()).hasSize(1); // the refusal wrote nothing
        assertThat(t.api().post("/purposes/marketing/notices", "{\"texts\":{\"en\":\"We email offers, weekly\"}}").json()
                .get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aNewNoticeAsksForConsentAgainAndTheNewGrantSupersedesTheOld() {
        Api.Tenant t = Api.newTenant("reconsent");
        purpose(t, "profiling", false, true);
        purpose(t, "newsletter", false, false);
        t.api().post("/purposes/profiling/notices", "{\"texts\":{\"en\":\"v1\"}}");
        t.api().post("/purposes/newsletter/notices", "{\"texts\":{\"en\":\"v1\"}}");
        JsonNode first = grant(t.api(), "u-1", "profiling", "");
        grant(t.api(), "u-1", "newsletter", "");
        assertThat(first.get("noticeVersion").asInt()).isEqualTo(1);
        assertThat(first.get("noticeHash").asText()).hasSize(64);
        assertThat(check(t.api(), "u-1", "profiling").get("reason").asText()).isEqualTo("GRANTED");

        t.api().post("/purposes/profiling/notices", "{\"texts\":{\"en\":\"v2\"}}");
        t.api().post("/purposes/newsletter/notices", "{\"texts\":{\"en\":\"v2\"}}");
        JsonNode changed = check(t.api(), "u-1", "profiling");
        assertThat(changed.get("reason").asText()).isEqualTo("NOTICE_CHANGED");
        assertThat(changed.get("allowed").asBoolean()).isFalse();
        assertThat(check(t.api(), "u-1", "newsletter").get("reason").asText()).isEqualTo("GRANTED"); // no re-consent asked

        JsonNode second = grant(t.api(), "u-1", "profiling", "");
        assertThat(second.get("noticeVersion").asInt()).isEqualTo(2);
        assertThat(check(t.api(), "u-1", "profiling").get("reason").asText()).isEqualTo("GRANTED");
        JsonNode history = t.api().get("/consents?subject=u-1").json();
        JsonNode superseded = null;
        for (JsonNode e : history) {
            if (e.get("decision").asText().equals("SUPERSEDED")) {
                superseded = e;
            }
        }
        assertThat(superseded).isNotNull();
        assertThat(superseded.get("ends").asText()).isEqualTo(first.get("id").asText());
        assertThat(t.api().post("/consents", "{\"subject\":\"u-1\",\"purpose\":\"profiling\",\"action\":\"grant\",\"noticeVersion\":7}")
                .json().get("errors").get(0).get("field").asText()).isEqualTo("noticeVersion");
    }

    @Test
    void aGrantExpiresOnTimeAndTheLedgerRecordsTheExpiry() throws Exception {
        Api.Tenant t = Api.newTenant("expiry");
        purpose(t, "trial", false, true);
        Instant end = Instant.now().plusSeconds(2);
        JsonNode g = grant(t.api(), "u-2", "trial", ",\"expiresAt\":\"" + end + "\"");
        assertThat(check(t.api(), "u-2", "trial").get("reason").asText()).isEqualTo("GRANTED");
        Thread.sleep(Math.max(0, end.toEpochMilli() - System.currentTimeMillis()) + 200);
        assertThat(check(t.api(), "u-2", "trial").get("reason").asText()).isEqualTo("EXPIRED");
        JsonNode expired = null;
        for (int i = 0; i < 50 && expired == null; i++) {
            for (JsonNode e : t.api().get("/consents?subject=u-2").json()) {
                if (e.get("decision").asText().equals("EXPIRED")) {
                    expired = e;
                }
            }
            Thread.sleep(200);
        }
        assertThat(expired).as("an EXPIRED ledger event").isNotNull();
        assertThat(expired.get("ends").asText()).isEqualTo(g.get("id").asText());
        assertThat(check(t.api(), "u-2", "trial").get("reason").asText()).isEqualTo("EXPIRED");
        assertThat(t.api().post("/consents", "{\"subject\":\"u-2\",\"purpose\":\"trial\",\"action\":\"withdraw\",\"expiresAt\":\""
                + Instant.now().plusSeconds(60) + "\"}").status()).isEqualTo(422);
    }

    @Test
    void globalPrivacyControlOptsOutOfPurposesThatHonourItAndIsRecorded() {
        Api.Tenant t = Api.newTenant("gpc");
        purpose(t, "sale", true, false);
        purpose(t, "essential-mail", false, false);
        grant(t.api(), "u-3", "sale", "");
        grant(t.api(), "u-3", "essential-mail", "");
        assertThat(check(t.api(), "u-3", "sale").get("reason").asText()).isEqualTo("GRANTED");
        JsonNode withGpc = t.api().send(t.api().request("/consents/check?subject=u-3&purpose=sale").header("Sec-GPC", "1").GET()).json();
        assertThat(withGpc.get("allowed").asBoolean()).isFalse();
        assertThat(withGpc.get("reason").asText()).isEqualTo("GPC_OPT_OUT");
        assertThat(t.api().send(t.api().request("/consents/check?subject=u-3&purpose=essential-mail").header("Sec-GPC", "1").GET())
                .json().get("reason").asText()).isEqualTo("GRANTED");
        // recorded: later checks without the header still answer the opt-out, and the ledger shows its source
        assertThat(check(t.api(), "u-3", "sale").get("reason").asText()).isEqualTo("GPC_OPT_OUT");
        List<String> sources = new ArrayList<>();
        t.api().get("/consents?subject=u-3").json().forEach(e -> sources.add(e.get("decision").asText() + "/" + e.get("source").asText()));
        assertThat(sources).contains("WITHDRAWN/gpc");
        // a batch with the header: one opt-out per purpose that honours GPC
        JsonNode batch = t.api().send(t.api().request("/consents/check").header("Sec-GPC", "1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subjects\":[\"u-4\",\"u-5\"],\"purpose\":\"sale\"}"))).json();
        assertThat(batch.findValuesAsText("reason")).containsExactly("GPC_OPT_OUT", "GPC_OPT_OUT");
        assertThat(check(t.api(), "u-4", "sale").get("reason").asText()).isEqualTo("GPC_OPT_OUT");
        assertThat(check(t.api(), "u-6", "sale").get("reason").asText()).isEqualTo("NOT_GRANTED");
        grant(t.api(), "u-7", "sale", "");
        t.api().post("/consents", "{\"subject\":\"u-7\",\"purpose\":\"sale\",\"action\":\"withdraw\"}");
        assertThat(check(t.api(), "u-7", "sale").get("reason").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void aReceiptStatesThePurposesDisclosureTheTenantsJurisdictionAndTheNoticeItsSubjectWasShown() throws Exception {
        Api.Tenant t = Api.newTenant("receipt-facts");
        Api.Reply share = t.api().post("/purposes", "{\"key\":\"share\",\"name\":\"Share\",\"thirdPartyDisclosure\":true}");
        assertThat(share.status()).as(share.raw().body()).isEqualTo(201);
        assertThat(share.json().get("thirdPartyDisclosure").asBoolean()).isTrue();
        purpose(t, "ads", true, true); // honours GPC, discloses nothing: the two are not the same thing
        assertThat(t.api().get("/purposes/ads").json().get("thirdPartyDisclosure").asBoolean()).isFalse();
        t.api().post("/purposes/share/notices", "{\"texts\":{\"en\":\"We share this with partners\"}}");
        assertThat(t.api().get("/settings/privacy").json().get("jurisdiction").asText()).isEmpty();
        Api.Reply set = t.api().put("/settings/privacy", "{\"jurisdiction\":\"EU\"}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(t.api().put("/settings/privacy", "{\"jurisdiction\":\"" + "x".repeat(101) + "\"}").json()
                .get("errors").get(0).get("field").asText()).isEqualTo("jurisdiction");

        JsonNode shared = t.api().get("/consents/receipts/" + grant(t.api(), "u-1", "share", "").get("id").asText()).json();
        JsonNode receipt = shared.get("receipt");
        assertThat(receipt.get("jurisdiction").asText()).isEqualTo("EU");
        assertThat(receipt.get("services").get(0).get("purposes").get(0).get("thirdPartyDisclosure").asBoolean()).isTrue();
        String policy = receipt.get("policyUrl").asText();
        assertThat(policy).endsWith("/api/v1/purposes/share/notices/1");
        // the URL answers with the notice the subject was shown
        Api.Reply notice = t.api().get(policy.substring(policy.indexOf("/api/v1") + "/api/v1".length()));
        assertThat(notice.status()).isEqualTo(200);
        assertThat(notice.raw().body()).contains("We share this with partners");

        JsonNode ads = t.api().get("/consents/receipts/" + grant(t.api(), "u-1", "ads", "").get("id").asText()).json()
                .get("receipt");
        assertThat(ads.get("services").get(0).get("purposes").get(0).get("thirdPartyDisclosure").asBoolean()).isFalse();
        assertThat(ads.get("policyUrl").isNull()).isTrue(); // no notice was shown

        // a later change of jurisdiction does not unmake receipts issued before it
        assertThat(t.api().put("/settings/privacy", "{\"jurisdiction\":\"IN\"}").status()).isEqualTo(200);
        JsonNode verified = t.api().post("/consents/receipts/verify", "{\"jws\":\"" + shared.get("jws").asText() + "\"}").json();
        assertThat(verified.get("signatureValid").asBoolean()).isTrue();
        assertThat(verified.get("matchesLedger").asBoolean()).isTrue();
        assertThat(t.api().get("/consents/receipts/" + shared.get("receipt").get("consentReceiptID").asText()).json()
                .get("receipt").get("jurisdiction").asText()).isEqualTo("IN");
    }

    @Test
    void aSignedReceiptVerifiesAChangedOneFailsAndItsMailWithdrawsWithOneClick() throws Exception {
        Api.Tenant t = Api.newTenant("receipts");
        purpose(t, "ads", false, true);
        t.api().post("/purposes/ads/notices", "{\"texts\":{\"en\":\"Ads notice\",\"hi\":\"विज्ञापन सूचना\"}}");
        String email = Accounts.uniqueEmail("subject");
        JsonNode g = grant(t.api(), "u-8", "ads", ",\"email\":\"" + email + "\",\"sendReceipt\":true,\"clientIp\":\"203.0.113.9\"");
        JsonNode signed = t.api().get("/consents/receipts/" + g.get("id").asText()).json();
        String jws = signed.get("jws").asText();
        JsonNode receipt = signed.get("receipt");
        assertThat(receipt.get("consentReceiptID").asText()).isEqualTo(g.get("id").asText());
        assertThat(receipt.get("piiPrincipalId").asText()).isEqualTo("u-8");
        assertThat(receipt.get("event").get("state").asText()).isEqualTo("given");
        assertThat(receipt.get("event").get("noticeHash").asText()).isEqualTo(g.get("noticeHash").asText());
        assertThat(receipt.get("services").get(0).get("purposes").get(0).get("purposeKey").asText()).isEqualTo("ads");

        // anyone with the certificate in x5c can verify it, without Custodia
        JWSObject parsed = JWSObject.parse(jws);
        var cert = X509CertUtils.parse(parsed.getHeader().getX509CertChain().get(0).decode());
        assertThat(parsed.verify(new ECDSAVerifier((java.security.interfaces.ECPublicKey) cert.getPublicKey()))).isTrue();
        assertThat(cert.getEncoded()).isEqualTo(java.util.Base64.getMimeDecoder().decode(t.api().get("/signing-key").json()
                .get("pem").asText().replaceAll("-----[A-Z ]+-----", "")));
        JsonNode verified = t.api().post("/consents/receipts/verify", "{\"jws\":\"" + jws + "\"}").json();
        assertThat(verified.get("signatureValid").asBoolean()).isTrue();
        assertThat(verified.get("matchesLedger").asBoolean()).isTrue();
        // a changed receipt: the payload says someone else consented
        String[] parts = jws.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), "UTF-8").replace("\"u-8\"", "\"u-9\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes("UTF-8")) + "." + parts[2];
        JsonNode refused = t.api().post("/consents/receipts/verify", "{\"jws\":\"" + forged + "\"}").json();
        assertThat(refused.get("signatureValid").asBoolean()).isFalse();
        assertThat(Api.newTenant("receipts-other").api().post("/consents/receipts/verify", "{\"jws\":\"" + jws + "\"}").json()
                .get("signatureValid").asBoolean()).isFalse(); // another tenant's key did not sign it

        var mail = TestMailServer.awaitMessage(email, 1, Duration.ofSeconds(20));
        String body = TestMailServer.text(mail);
        assertThat(body).contains(g.get("id").asText()).contains(g.get("noticeHash").asText());
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("cus_w_[A-Za-z0-9_-]{43}").matcher(body);
        assertThat(link.find()).isTrue();
        Api.Reply withdrawn = Api.anonymous().post("/consents/withdrawals", "{\"token\":\"" + link.group() + "\"}");
        assertThat(withdrawn.status()).as(withdrawn.raw().body()).isEqualTo(200);
        assertThat(check(t.api(), "u-8", "ads").get("reason").asText()).isEqualTo("WITHDRAWN");
        assertThat(Api.anonymous().post("/consents/withdrawals", "{\"token\":\"" + link.group() + "\"}").status()).isEqualTo(422);

        // the address is findable through the blind index, and stored only sealed
        assertThat(t.api().get("/consents/subjects?email=" + email.toUpperCase()).json().get(0).asText()).isEqualTo("u-8");
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select encode(email_sealed, 'escape'), email_index from app.consent_subject where tenant_id = '"
                     + t.id() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContain(email);
            assertThat(rs.getString(2)).hasSize(64).doesNotContain("@");
        }
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select ip_hash from app.consent_event where id = '" + g.get("id").asText() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).hasSize(64).doesNotContain("203.0.113.9");
        }
    }

    @Test
    void aBatchCheckCountsEachEntryAgainstTheLimit() {
        Api.Tenant t = Api.newTenant("batch-limit");
        purpose(t, "p", false, true);
        assertThat(Api.admin().put("/admin/tenants/" + t.id() + "/rate-limits", "{\"checksPerMinute\":6,\"mutationsPerMinute\":100}")
                .status()).isEqualTo(200);
        String body = "{\"subjects\":[\"a\",\"b\",\"c\",\"d\"],\"purpose\":\"p\"}";
        assertThat(t.api().post("/consents/check", body).status()).isEqualTo(200);
        Api.Reply second = t.api().post("/consents/check", body);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.header("Retry-After")).isNotNull();
    }

    @Test
    void aNotificationFromAnotherNodeDropsTheCachedAnswerAtOnce() throws Exception {
        Api.Tenant t = Api.newTenant("feed");
        purpose(t, "p", false, true);
        grant(t.api(), "u-10", "p", "");
        assertThat(check(t.api(), "u-10", "p").get("allowed").asBoolean()).isTrue();
        // another node withdrew: the row changes in the database, this node's memory does not know yet
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement()) {
            s.executeUpdate("update app.consent_state set decision = 'WITHDRAWN' where tenant_id = '" + t.id() + "' and subject_id = 'u-10'");
        }
        assertThat(check(t.api(), "u-10", "p").get("allowed").asBoolean()).as("still cached (no notification yet)").isTrue();
        ClusterNotifications.send("consent", t.id().toString(), "p", "u-10");
        JsonNode after = null;
        for (int i = 0; i < 30; i++) {
            after = check(t.api(), "u-10", "p");
            if (!after.get("allowed").asBoolean()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(after.get("reason").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void aNoticePublishedOnAnotherNodeAsksForConsentAgainHereAtOnce() throws Exception {
        Api.Tenant t = Api.newTenant("feed-notice");
        purpose(t, "p", false, true);
        assertThat(t.api().post("/purposes/p/notices", "{\"texts\":{\"en\":\"v1\"}}").status()).isEqualTo(201);
        grant(t.api(), "u-1", "p", ",\"noticeVersion\":1");
        assertThat(check(t.api(), "u-1", "p").get("reason").asText()).isEqualTo("GRANTED"); // the rules are now cached
        // this node announces its own notice at commit, so the other nodes drop the purpose's rules
        try (Connection listening = ClusterNotifications.listen()) {
            assertThat(t.api().post("/purposes/p/notices", "{\"texts\":{\"en\":\"v2\"}}").status()).isEqualTo(201);
            assertThat(ClusterNotifications.announced(listening, "consent-purpose", t.id().toString(), "p")).isTrue();
        }
        assertThat(check(t.api(), "u-1", "p").get("reason").asText()).isEqualTo("NOTICE_CHANGED");
        grant(t.api(), "u-1", "p", ",\"noticeVersion\":2");
        assertThat(check(t.api(), "u-1", "p").get("reason").asText()).isEqualTo("GRANTED");
        // another node published version 3: the database changed, this node hears of it by notification
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement()) {
            s.executeUpdate("update app.consent_purpose set notice_version = 3 where tenant_id = '" + t.id() + "' and purpose_key = 'p'");
        }
        assertThat(check(t.api(), "u-1", "p").get("reason").asText()).as("still cached (no notification yet)").isEqualTo("GRANTED");
        ClusterNotifications.send("consent-purpose", t.id().toString(), "p");
        String reason = null;
        for (int i = 0; i < 30 && !"NOTICE_CHANGED".equals(reason); i++) {
            reason = check(t.api(), "u-1", "p").get("reason").asText();
            Thread.sleep(50);
        }
        assertThat(reason).isEqualTo("NOTICE_CHANGED");
    }
}
