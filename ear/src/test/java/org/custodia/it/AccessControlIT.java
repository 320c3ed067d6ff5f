package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.custodia.identity.domain.TotpCodes;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/** Tenant custom roles, the per-tenant CORS allowlist, and what the logs may not contain. */
@ExtendWith(ArquillianExtension.class)
class AccessControlIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void aCustomRoleGrantsExactlyItsPermissionsAndNobodyGrantsMoreThanTheyHold() {
        Api.Tenant t = Api.newTenant("custom-role");
        assertThat(t.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}").status()).isEqualTo(201);
        Api.Reply role = t.api().post("/roles", "{\"name\":\"consent-checker\",\"description\":\"backends that only ask\","
                + "\"permissions\":[\"consent:check\"]}");
        assertThat(role.status()).as(role.raw().body()).isEqualTo(201);
        Api.Reply key = t.api().post("/api-keys", "{\"name\":\"backend\",\"role\":\"consent-checker\"}");
        assertThat(key.status()).isEqualTo(201);
        Api checker = Api.withKey(key.json().get("key").asText());
        assertThat(checker.get("/consents/check?subject=s&purpose=ads").status()).isEqualTo(200);
        assertThat(checker.get("/purposes").status()).isEqualTo(403);
        assertThat(checker.get("/consents?subject=s").status()).isEqualTo(403);

        // widening the role applies to its holders on the next request
        assertThat(t.api().put("/roles/consent-checker", "{\"description\":\"and read purposes\","
                + "\"permissions\":[\"consent:check\",\"purpose:view\"]}").status()).isEqualTo(200);
        assertThat(checker.get("/purposes").status()).isEqualTo(200);

        JsonNode custom = t.api().get("/roles").json().get("customRoles");
        assertThat(custom.get(0).get("name").asText()).isEqualTo("consent-checker");
        assertThat(custom.get(0).get("permissions").toString()).isEqualTo("[\"consent:check\",\"purpose:view\"]");
        assertThat(t.api().delete("/roles/consent-checker").status()).isEqualTo(409); // still held by the key
        assertThat(t.api().post("/roles", "{\"name\":\"ADMIN2\",\"description\":\"x\",\"permissions\":[\"nope:nope\"]}")
                .json().get("errors").findValuesAsText("field")).contains("name", "permissions");

        Api.Reply itKey = t.api().post("/api-keys", "{\"name\":\"it\",\"role\":\"IT\"}");
        Api it = Api.withKey(itKey.json().get("key").asText());
        Api.Reply escalation = it.post("/roles", "{\"name\":\"sneaky\",\"description\":\"x\",\"permissions\":[\"consent:view\"]}");
        assertThat(escalation.status()).isEqualTo(403); // IT lacks role:create anyway
        Api.Reply viaRole = t.api().post("/roles", "{\"name\":\"role-maker\",\"description\":\"x\",\"permissions\":[\"role:create\",\"role:view\"]}");
        assertThat(viaRole.status()).isEqualTo(201);
        Api maker = Api.withKey(t.api().post("/api-keys", "{\"name\":\"m\",\"role\":\"role-maker\"}").json().get("key").asText());
        Api.Reply sneaky = maker.post("/roles", "{\"name\":\"sneaky\",\"description\":\"x\",\"permissions\":[\"consent:view\"]}");
        assertThat(sneaky.status()).isEqualTo(403);
        assertThat(sneaky.json().get("errors").get(0).get("field").asText()).isEqualTo("permissions");

        // another tenant does not see or use this tenant's role
        Api.Tenant other = Api.newTenant("custom-role-other");
        assertThat(other.api().get("/roles").json().get("customRoles")).isEmpty();
        assertThat(other.api().post("/api-keys", "{\"name\":\"x\",\"role\":\"consent-checker\"}").status()).isEqualTo(422);
    }

    @Test
    void corsAnswersOnlyForOriginsTheCallersTenantAllows() {
        Api.Tenant a = Api.newTenant("cors-a");
        Api.Tenant b = Api.newTenant("cors-b");
        String origin = "https://app-" + a.slug() + ".example.com";
        Api.Reply bad = a.api().put("/settings/security", "{\"mfaRequired\":false,\"corsOrigins\":[\"http://evil.example.com\",\"https://x.example.com/path\"]}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactly("corsOrigins[0]", "corsOrigins[1]");
        assertThat(a.api().put("/settings/security", "{\"mfaRequired\":false,\"corsOrigins\":[\"" + origin + "\"]}").status()).isEqualTo(200);

        Api.Reply preflight = Api.anonymous().send(Api.anonymous().request("/consents/check")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization").contains("Idempotency-Key");
        // a preflight answers every well-formed origin alike: no oracle of the origins some tenant allows
        Api.Reply unknown = Api.anonymous().send(Api.anonymous().request("/consents/check")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://unknown.example.com")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(unknown.status()).isEqualTo(preflight.status());
        assertThat(unknown.header("Access-Control-Allow-Origin")).isEqualTo("https://unknown.example.com");
        for (String h : java.util.List.of("Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age", "Vary")) {
            assertThat(unknown.header(h)).as(h).isEqualTo(preflight.header(h));
        }
        Api.Reply notAnOrigin = Api.anonymous().send(Api.anonymous().request("/consents/check")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "null")
                .header("Access-Control-Request-Method", "GET"));
        assertThat(notAnOrigin.status()).isEqualTo(403);
        // the real answer still reaches only the caller's own allowed origins
        Api.Reply fromUnknown = a.api().send(a.api().request("/purposes").header("Origin", "https://unknown.example.com").GET());
        assertThat(fromUnknown.header("Access-Control-Allow-Origin")).isNull();

        Api.Reply fromA = a.api().send(a.api().request("/purposes").header("Origin", origin).GET());
        assertThat(fromA.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(fromA.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
        Api.Reply fromB = b.api().send(b.api().request("/purposes").header("Origin", origin).GET());
        assertThat(fromB.status()).isEqualTo(200);
        assertThat(fromB.header("Access-Control-Allow-Origin")).isNull(); // the browser will not hand B's data to A's page
    }

    @Test
    void aConsoleSessionChangesDataOnlyFromThisSiteOrAnAllowedOrigin() throws Exception {
        Api.Tenant t = Api.newTenant("csrf");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        Api session = a.session();
        Api.Reply forged = session.send(session.request("/purposes").header("Origin", "https://evil.example.com")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"p\",\"name\":\"P\"}")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(t.api().get("/purposes").json()).isEmpty();
        Api.Reply same = session.send(session.request("/purposes").header("Origin", "http://127.0.0.1:" + ItEnvironment.required("custodia.it.http.port"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"p\",\"name\":\"P\"}")));
        assertThat(same.status()).isEqualTo(201);
    }

    @Test
    void aConsoleSessionRunsAStateChangingReadOnlyFromThisSite() throws Exception {
        Api.Tenant t = Api.newTenant("csrf-get");
        Accounts.Account auditor = Accounts.invited(t, "AUDITOR");
        Api session = auditor.session();
        String self = "http://127.0.0.1:" + ItEnvironment.required("custodia.it.http.port");
        long events = ConsentApiIT.eventTypes(t.api()).size();
        // an audit export appends an event and a checkpoint: a GET that writes
        Api.Reply foreignOrigin = session.send(session.request("/audit/export").header("Origin", "https://evil.example.com").GET());
        assertThat(foreignOrigin.status()).isEqualTo(403);
        Api.Reply crossSiteNavigation = session.send(session.request("/audit/export").header("Sec-Fetch-Site", "cross-site").GET());
        assertThat(crossSiteNavigation.status()).isEqualTo(403);
        Api.Reply crossSiteSummary = session.send(session.request("/reports/consent-summary").header("Sec-Fetch-Site", "cross-site").GET());
        assertThat(crossSiteSummary.status()).isEqualTo(403);
        assertThat(ConsentApiIT.eventTypes(t.api())).hasSize((int) events);
        // a plain read stays readable cross-site (it writes nothing); same-origin exports work
        assertThat(session.send(session.request("/audit/events").header("Sec-Fetch-Site", "cross-site").GET()).status()).isEqualTo(200);
        assertThat(session.send(session.request("/audit/export").header("Origin", self).header("Sec-Fetch-Site", "same-origin").GET())
                .status()).isEqualTo(200);
        assertThat(session.send(session.request("/audit/export").header("Sec-Fetch-Site", "same-origin").GET()).status()).isEqualTo(200);
        // an API key is no ambient credential: no origin rule
        assertThat(t.api().send(t.api().request("/audit/export").header("Sec-Fetch-Site", "cross-site").GET()).status()).isEqualTo(200);
    }

    @Test
    void anUnknownOrganisationLooksLikeOneWithoutTheFeature() throws Exception {
        Api.Tenant known = Api.newTenant("no-sso"); // no single sign-on configured
        String unknown = "no-such-org-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        for (String path : java.util.List.of("/login", "/callback?code=c&state=s")) {
            // the callback carries the browser's login cookie, so it gets past the login-CSRF check to the organisation
            Api anonymous = Api.anonymous();
            Api.Reply k = anonymous.send(anonymous.request("/auth/oidc/" + known.slug() + path).header("Cookie", "custodia_oidc_login=s").GET());
            Api.Reply u = anonymous.send(anonymous.request("/auth/oidc/" + unknown + path).header("Cookie", "custodia_oidc_login=s").GET());
            assertThat(k.status()).as(k.raw().body()).isEqualTo(404);
            assertSameAnswer(k, u);
            assertThat(u.raw().body()).doesNotContain(unknown);
        }
        Api.Reply loginKnown = Api.anonymous().post("/auth/login",
                "{\"tenant\":\"" + known.slug() + "\",\"email\":\"nobody@example.org\",\"password\":\"wrong-password-1234\"}");
        Api.Reply loginUnknown = Api.anonymous().post("/auth/login",
                "{\"tenant\":\"" + unknown + "\",\"email\":\"nobody@example.org\",\"password\":\"wrong-password-1234\"}");
        assertThat(loginKnown.status()).isEqualTo(401);
        assertSameAnswer(loginKnown, loginUnknown);
        Api.Reply resetKnown = Api.anonymous().post("/auth/password-reset", "{\"tenant\":\"" + known.slug() + "\",\"email\":\"nobody@example.org\"}");
        Api.Reply resetUnknown = Api.anonymous().post("/auth/password-reset", "{\"tenant\":\"" + unknown + "\",\"email\":\"nobody@example.org\"}");
        assertThat(resetKnown.status()).isEqualTo(202);
        assertSameAnswer(resetKnown, resetUnknown);
    }

    @Test
    void theAppRoleHoldsNoUnusedCrossTenantLookups() throws Exception {
        try (java.sql.Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select has_function_privilege('custodia_app', 'app.resolve_oidc_user(uuid,text,text)', 'execute'),"
                     + " has_function_privilege('custodia_app', 'app.cors_origin_known(text)', 'execute')")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("resolve_oidc_user").isFalse();
            assertThat(rs.getBoolean(2)).as("cors_origin_known").isFalse();
        }
    }

    /** Same status and body, but for the request id. */
    private static void assertSameAnswer(Api.Reply a, Api.Reply b) {
        assertThat(b.status()).as(b.raw().body()).isEqualTo(a.status());
        com.fasterxml.jackson.databind.node.ObjectNode ja = a.json().deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode jb = b.json().deepCopy();
        ja.remove("requestId");
        jb.remove("requestId");
        assertThat(jb).isEqualTo(ja);
    }

    @Test
    void aKeyRevokedOrASessionEndedOnAnotherNodeStopsWorkingHereAtOnce() throws Exception {
        Api.Tenant t = Api.newTenant("cluster");
        Api.Reply issued = t.api().post("/api-keys", "{\"name\":\"k\",\"role\":\"AUDITOR\"}");
        Api key = Api.withKey(issued.json().get("key").asText());
        Accounts.Account a = Accounts.invited(t, "AUDITOR");
        Api session = a.session();
        assertThat(key.get("/purposes").status()).isEqualTo(200);
        assertThat(session.get("/purposes").status()).isEqualTo(200);
        // another node revokes both: the rows change, this node's memory does not know yet
        try (java.sql.Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("update app.api_key set revoked_at = now() where id = '" + issued.json().get("id").asText() + "'");
            s.executeUpdate("update app.user_session set revoked_at = now() where user_id = '" + a.userId() + "'");
        }
        assertThat(key.get("/purposes").status()).as("cached until told").isEqualTo(200);
        assertThat(session.get("/purposes").status()).as("cached until told").isEqualTo(200);
        String sessionId;
        try (java.sql.Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select id from app.user_session where user_id = '" + a.userId() + "'")) {
            rs.next();
            sessionId = rs.getString(1);
        }
        ClusterNotifications.send("api-key", issued.json().get("id").asText());
        ClusterNotifications.send("session", sessionId);
        int keyStatus = 0;
        int sessionStatus = 0;
        for (int i = 0; i < 40 && (keyStatus != 401 || sessionStatus != 401); i++) {
            Thread.sleep(50);
            keyStatus = key.get("/purposes").status();
            sessionStatus = session.get("/purposes").status();
        }
        assertThat(keyStatus).isEqualTo(401);
        assertThat(sessionStatus).isEqualTo(401);
    }

    @Test
    void logsCarryTheUserIdButNoPasswordsTokensSecretsOrAddresses() throws Exception {
        Api.Tenant t = Api.newTenant("log-hygiene");
        Accounts.Account a = Accounts.invited(t, "APPROVER");
        Api.Reply signedIn = a.signIn("");
        String sessionToken = Api.sessionFrom(signedIn);
        Api session = Api.withSession(sessionToken);
        String totpSecret = session.post("/auth/mfa/totp", "").json().get("secret").asText();
        Api.Reply confirmed = session.post("/auth/mfa/totp/confirm",
                "{\"code\":\"" + TotpCodes.codeAt(totpSecret, TotpCodes.stepAt(Instant.now().getEpochSecond())) + "\"}");
        String recoveryCode = confirmed.json().get("recoveryCodes").get(0).asText();
        Api.Reply me = session.get("/auth/me");
        String requestId = me.header("X-Request-Id");
        Api.anonymous().post("/auth/password-reset", "{\"tenant\":\"" + t.slug() + "\",\"email\":\"" + a.email() + "\"}");
        String resetToken = TestMailServer.tokenIn(TestMailServer.awaitMessage(a.email(), 2, Duration.ofSeconds(20)));

        Path log = Path.of(System.getProperty("custodia.it.base.dir"), "log", "server.log");
        JsonNode line = null;
        for (int i = 0; i < 20 && line == null; i++) {
            for (String l : Files.readAllLines(log)) {
                JsonNode json = Api.JSON.readTree(l);
                if (requestId.equals(json.path("mdc").path("requestId").asText())) {
                    line = json;
                }
            }
            Thread.sleep(100);
        }
        assertThat(line).isNotNull();
        assertThat(line.path("mdc").path("userId").asText()).isEqualTo(a.userId());
        assertThat(line.path("mdc").path("tenantId").asText()).isEqualTo(t.id().toString());
        String all = Files.readString(log);
        assertThat(all).doesNotContain(a.password()).doesNotContain(sessionToken).doesNotContain(totpSecret)
                .doesNotContain(recoveryCode).doesNotContain(resetToken).doesNotContain(a.email());
    }
}
