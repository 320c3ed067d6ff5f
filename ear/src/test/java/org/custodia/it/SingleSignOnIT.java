package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Single sign-on against a real OpenID Connect provider on localhost (no.nav.security mock-oauth2-server,
 * its own HTTP server with discovery, JWKS, authorize, token and end-session endpoints): bearer tokens,
 * the console's authorization-code + PKCE sign-in, refresh, sign-out, JIT provisioning and key rotation.
 */
@ExtendWith(ArquillianExtension.class)
class SingleSignOnIT {

    static final String ISSUER_ID = "custodia-idp";
    static final String CLIENT = "custodia";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static MockOAuth2Server idp;
    static Api.Tenant tenant;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static int port() {
        return Integer.parseInt(ItEnvironment.required("custodia.it.oidc.port"));
    }

    /** As the provider names itself in tokens it issues outside a request (host "localhost"). */
    static String issuer() {
        String url = idp.issuerUrl(ISSUER_ID).toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static MockOAuth2Server startProvider(RSAKey key) {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(new KeyProvider(List.of(key), "RS256"))));
        server.start(java.net.InetAddress.getLoopbackAddress(), port());
        return server;
    }

    static RSAKey newKey() throws Exception {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }

    @BeforeAll
    static void provider() throws Exception {
        idp = startProvider(newKey());
        tenant = Api.newTenant("sso");
        Api.Reply saved = tenant.api().put("/settings/sso", "{\"issuer\":\"" + issuer() + "\",\"clientId\":\"" + CLIENT
                + "\",\"clientSecret\":\"console-secret\",\"roleClaim\":\"groups\",\"roleMapping\":{\"custodia-admins\":\"ADMIN\","
                + "\"dpo\":\"APPROVER\",\"auditors\":\"AUDITOR\"}}");
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        assertThat(saved.raw().body()).doesNotContain("console-secret");
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.shutdown();
        }
    }

    static DefaultOAuth2TokenCallback person(String subject, List<String> groups, List<String> audience, long expirySeconds) {
        return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", audience,
                Map.of("groups", groups, "email", subject + "@example.org", "email_verified", true), expirySeconds);
    }

    static String token(String subject, List<String> groups) {
        return idp.issueToken(ISSUER_ID, CLIENT, person(subject, groups, List.of(CLIENT), 3600)).serialize();
    }

    @Test
    void bearerTokensFromTheTenantsIssuerWorkWithTheRoleTheirClaimMapsTo() {
        String subject = "auditor-" + UUID.randomUUID();
        Api auditor = Api.withKey(token(subject, List.of("auditors")));
        JsonNode me = auditor.get("/auth/me").json();
        assertThat(me.get("kind").asText()).isEqualTo("BEARER_TOKEN");
        assertThat(me.get("role").asText()).isEqualTo("AUDITOR");
        assertThat(auditor.get("/audit/verify").status()).isEqualTo(200);
        assertThat(auditor.post("/purposes", "{\"key\":\"x\",\"name\":\"X\"}").status()).isEqualTo(403);
        // provisioned just in time, once
        JsonNode users = tenant.api().get("/users").json();
        long provisioned = 0;
        for (JsonNode u : users) {
            if (u.get("email").asText().equals(subject + "@example.org")) {
                provisioned++;
                assertThat(u.get("signIn").asText()).isEqualTo("sso");
            }
        }
        assertThat(provisioned).isEqualTo(1);
        // the provider changes the person's groups: the next token's role applies
        Api dpo = Api.withKey(token(subject, List.of("dpo")));
        assertThat(dpo.get("/auth/me").json().get("role").asText()).isEqualTo("APPROVER");
        assertThat(Api.withKey(token("stranger-" + UUID.randomUUID(), List.of("sales"))).get("/auth/me").status()).isEqualTo(403);
    }

    @Test
    void tokensFromAnotherIssuerForAnotherAudienceExpiredOrSignedByAnUnknownKeyAreRefused() throws Exception {
        String other = idp.issueToken("another-idp", CLIENT, new DefaultOAuth2TokenCallback("another-idp", "mallory", "JWT",
                List.of(CLIENT), Map.of("groups", List.of("custodia-admins")), 3600)).serialize();
        assertUnauthorized(other);
        assertUnauthorized(idp.issueToken(ISSUER_ID, CLIENT, person("aud", List.of("custodia-admins"), List.of("some-other-app"), 3600)).serialize());
        assertUnauthorized(idp.issueToken(ISSUER_ID, CLIENT, person("late", List.of("custodia-admins"), List.of(CLIENT), -300)).serialize());

        RSAKey unknown = newKey();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(unknown.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT).subject("forger").issueTime(new Date())
                        .expirationTime(new Date(System.currentTimeMillis() + 600_000)).claim("groups", List.of("custodia-admins")).build());
        forged.sign(new RSASSASigner(unknown));
        assertUnauthorized(forged.serialize());
        // the right key id with the wrong key
        String good = token("kid-" + UUID.randomUUID(), List.of("custodia-admins"));
        String kid = SignedJWT.parse(good).getHeader().getKeyID();
        SignedJWT sameKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), SignedJWT.parse(good).getJWTClaimsSet());
        sameKid.sign(new RSASSASigner(unknown));
        assertUnauthorized(sameKid.serialize());
        assertThat(Api.withKey(good).get("/auth/me").status()).isEqualTo(200);
    }

    @Test
    void aDpoSignsInToTheConsoleThroughTheProviderInABrowser() throws Exception {
        String subject = "browser-dpo-" + UUID.randomUUID();
        try (Browser browser = new Browser()) {
            browser.open("/console/inbox");
            browser.awaitPage("Sign in");
            browser.driver.findElement(org.openqa.selenium.By.id("sso-tenant")).sendKeys(tenant.slug());
            idp.enqueueCallback(person(subject, List.of("dpo"), List.of(CLIENT), 3600));
            browser.driver.findElement(org.openqa.selenium.By.cssSelector("#sso button[type=submit]")).click();
            browser.awaitPage("Inbox"); // through the provider's authorize endpoint and back, where the person was going
            assertThat(browser.driver.getCurrentUrl()).endsWith("/console/inbox");
            assertThat(browser.driver.findElement(org.openqa.selenium.By.id("nav")).getText()).contains("Inbox");
            browser.open("/console/account");
            browser.awaitPage("Your account");
            assertThat(browser.await(org.openqa.selenium.By.id("mfa-sso")).getText()).contains("single sign-on");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.id("mfa-start"))).as("no authenticator of Custodia's own").isEmpty();
            browser.assertAccessible("inbox after single sign-on");
        }
        long provisioned = 0;
        for (JsonNode u : tenant.api().get("/users").json()) {
            if (u.get("email").asText().equals(subject + "@example.org")) {
                provisioned++;
                assertThat(u.get("role").asText()).isEqualTo("APPROVER");
            }
        }
        assertThat(provisioned).as("provisioned just in time by the browser's sign-in").isEqualTo(1);
    }

    @Test
    void anAdminMapsAnotherGroupOnTheSettingsPageAndTheStoredSecretStays() throws Exception {
        Accounts.Account admin = Accounts.invited(tenant, "ADMIN");
        try (Browser browser = new Browser()) {
            browser.signIn(admin, "Inbox");
            browser.open("/console/admin/settings");
            browser.awaitPage("Settings");
            assertThat(browser.await(org.openqa.selenium.By.id("sso-issuer")).getAttribute("value")).isEqualTo(issuer());
            assertThat(browser.driver.findElement(org.openqa.selenium.By.id("sso-secret")).getAttribute("value")).as("never shown").isEmpty();
            assertThat(browser.driver.findElement(org.openqa.selenium.By.id("sso-secret-hint")).getText()).contains("A secret is stored");
            browser.assertAccessible("settings with single sign-on");
            org.openqa.selenium.WebElement mapping = browser.driver.findElement(org.openqa.selenium.By.id("sso-mapping"));
            mapping.sendKeys("\nprivacy-team = APPROVER");
            browser.driver.findElement(org.openqa.selenium.By.cssSelector("#sso-settings button[type=submit]")).click();
            assertThat(browser.await(org.openqa.selenium.By.cssSelector("#main .ok-box[role=status]")).getText()).isEqualTo("Saved.");
        }
        JsonNode saved = tenant.api().get("/settings/sso").json();
        assertThat(saved.get("roleMapping").get("privacy-team").asText()).isEqualTo("APPROVER");
        assertThat(saved.get("roleMapping").get("dpo").asText()).isEqualTo("APPROVER");
        assertThat(saved.get("confidentialClient").asBoolean()).as("the stored secret stays").isTrue();
    }

    @Test
    void aFormThatCannotShowTheSecretKeepsItOnlyForTheSameProviderAndClient() {
        String same = "{\"issuer\":\"" + issuer() + "\",\"clientId\":\"" + CLIENT + "\",\"roleClaim\":\"groups\","
                + "\"roleMapping\":{\"custodia-admins\":\"ADMIN\",\"dpo\":\"APPROVER\",\"auditors\":\"AUDITOR\"},\"keepClientSecret\":true}";
        Api.Reply kept = tenant.api().put("/settings/sso", same);
        assertThat(kept.status()).as(kept.raw().body()).isEqualTo(200);
        assertThat(kept.json().get("confidentialClient").asBoolean()).as("the stored secret stays").isTrue();

        Api.Reply otherClient = tenant.api().put("/settings/sso", same.replace("\"clientId\":\"" + CLIENT + "\"", "\"clientId\":\"elsewhere\""));
        assertThat(otherClient.status()).isEqualTo(422);
        assertThat(otherClient.json().get("errors").get(0).get("field").asText()).isEqualTo("keepClientSecret");
        Api.Reply both = tenant.api().put("/settings/sso", same.replace("\"keepClientSecret\":true", "\"keepClientSecret\":true,\"clientSecret\":\"x\""));
        assertThat(both.status()).isEqualTo(422);
        assertThat(tenant.api().get("/settings/sso").json().get("clientId").asText()).as("nothing changed").isEqualTo(CLIENT);
    }

    static void assertUnauthorized(String jwt) {
        Api.Reply r = Api.withKey(jwt).get("/auth/me");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theConsoleSignsInWithCodeAndPkceRefreshesAndSignsOut() throws Exception {
        String subject = "dpo-" + UUID.randomUUID();
        Api.Reply start = Api.anonymous().get("/auth/oidc/" + tenant.slug() + "/login?returnTo=/console/dsars");
        assertThat(start.status()).isEqualTo(303);
        URI authorize = URI.create(start.header("Location"));
        assertThat(authorize.toString()).startsWith(issuer() + "/authorize").contains("code_challenge_method=S256")
                .contains("code_challenge=").contains("nonce=").contains("state=");
        idp.enqueueCallback(person(subject, List.of("dpo"), List.of(CLIENT), 3600));
        HttpResponse<String> atProvider = HTTP.send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).isEqualTo(302);
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/api/v1/auth/oidc/" + tenant.slug() + "/callback");

        String loginCookie = loginCookie(start);
        HttpResponse<String> back = HTTP.send(HttpRequest.newBuilder(callback).header("Cookie", loginCookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location").orElseThrow()).isEqualTo(ItEnvironment.apiBase().replace("/api/v1", "") + "/console/dsars");
        String cookie = back.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("custodia_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("Secure").contains("SameSite=Lax");
        Api console = Api.withSession(cookie.substring("custodia_session=".length(), cookie.indexOf(';')));
        JsonNode me = console.get("/auth/me").json();
        assertThat(me.get("kind").asText()).isEqualTo("SESSION");
        assertThat(me.get("role").asText()).isEqualTo("APPROVER");
        assertThat(console.get("/audit/verify").status()).isEqualTo(200);

        // a provider's refusal is a 401 problem naming only its error code
        Api.Reply refusedByProvider = Api.anonymous().get("/auth/oidc/" + tenant.slug() + "/callback?error=access_denied%3Cscript%3E&state=x");
        assertThat(refusedByProvider.status()).isEqualTo(401);
        assertThat(refusedByProvider.json().get("detail").asText()).endsWith("access_deniedscript");

        // the state is single-use: replaying the provider's redirect does nothing
        HttpResponse<String> replay = HTTP.send(HttpRequest.newBuilder(callback).header("Cookie", loginCookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(422);

        idp.enqueueCallback(person(subject, List.of("dpo"), List.of(CLIENT), 3600));
        Api.Reply refreshed = console.post("/auth/session/refresh", "");
        assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
        assertThat(java.time.Instant.parse(refreshed.json().get("expiresAt").asText())).isAfter(java.time.Instant.now().plus(Duration.ofHours(7)));

        Api.Reply out = console.post("/auth/logout", "");
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.json().get("endSessionUrl").asText()).startsWith(issuer() + "/endsession").contains("id_token_hint=");
        assertThat(console.get("/auth/me").status()).isEqualTo(401);
        assertThat(ConsentApiIT.eventTypes(tenant.api())).contains("user.provisioned", "user.signed_in", "settings.sso_updated");
    }

    /** The login cookie (name=value) that /login set: the callback needs it in the same browser. */
    static String loginCookie(Api.Reply start) {
        String c = start.raw().headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("custodia_oidc_login=")).findFirst()
                .orElseThrow();
        assertThat(c).contains("HttpOnly").contains("SameSite=Lax").contains("Max-Age=600").contains("Path=/api/v1/auth/oidc/");
        return c.substring(0, c.indexOf(';'));
    }

    /** Starts a sign-in as the given person and returns the /login reply and the provider's redirect to the callback. */
    static Object[] startSignIn(String subject, List<String> groups) throws Exception {
        Api.Reply start = Api.anonymous().get("/auth/oidc/" + tenant.slug() + "/login");
        assertThat(start.status()).isEqualTo(303);
        idp.enqueueCallback(person(subject, groups, List.of(CLIENT), 3600));
        HttpResponse<String> atProvider = HTTP.send(HttpRequest.newBuilder(URI.create(start.header("Location"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Object[] {start, URI.create(atProvider.headers().firstValue("Location").orElseThrow())};
    }

    @Test
    void aCallbackIsRefusedInABrowserThatDidNotStartTheSignIn() throws Exception {
        // login CSRF: the attacker starts a sign-in as themself and sends the victim the provider's redirect
        Object[] attacker = startSignIn("attacker-" + UUID.randomUUID(), List.of("auditors"));
        URI callback = (URI) attacker[1];
        HttpResponse<String> noCookie = HTTP.send(HttpRequest.newBuilder(callback).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noCookie.statusCode()).as(noCookie.body()).isEqualTo(422);
        assertThat(noCookie.body()).contains("\"state\"");
        assertThat(noCookie.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("custodia_session="));
        Api.Reply victimStart = Api.anonymous().get("/auth/oidc/" + tenant.slug() + "/login"); // the victim's own sign-in in flight
        HttpResponse<String> otherCookie = HTTP.send(HttpRequest.newBuilder(callback).header("Cookie", loginCookie(victimStart))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherCookie.statusCode()).as(otherCookie.body()).isEqualTo(422);
        assertThat(otherCookie.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("custodia_session="));
        // the browser that started it still completes
        HttpResponse<String> own = HTTP.send(HttpRequest.newBuilder(callback).header("Cookie", loginCookie((Api.Reply) attacker[0]))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(303);
        assertThat(own.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("custodia_session="))
                .anyMatch(c -> c.startsWith("custodia_oidc_login=;") && c.contains("Max-Age=0"));
    }

    @Test
    void anotherTenantCannotRegisterTheSameIssuerAndAudience() {
        Api.Tenant other = Api.newTenant("sso-squatter");
        java.util.Map<String, Long> before = BadInputIT.rowCounts();
        Api.Reply taken = other.api().put("/settings/sso", "{\"issuer\":\"" + issuer() + "\",\"clientId\":\"" + CLIENT
                + "\",\"roleClaim\":\"groups\",\"roleMapping\":{\"custodia-admins\":\"ADMIN\"}}");
        assertThat(taken.status()).as(taken.raw().body()).isEqualTo(409);
        assertThat(taken.contentType()).startsWith("application/problem+json");
        assertThat(taken.json().get("errors").findValuesAsText("field")).contains("audience");
        Api.Reply viaAudience = other.api().put("/settings/sso", "{\"issuer\":\"" + issuer() + "\",\"clientId\":\"their-own\","
                + "\"audience\":\"" + CLIENT + "\",\"roleClaim\":\"groups\",\"roleMapping\":{\"a\":\"AUDITOR\"}}");
        assertThat(viaAudience.status()).isEqualTo(409);
        assertThat(other.api().get("/settings/sso").status()).isEqualTo(404);
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
        // the first tenant's tokens still find it
        assertThat(Api.withKey(token("still-" + UUID.randomUUID(), List.of("auditors"))).get("/auth/me").status()).isEqualTo(200);
        // the tenant itself may save its own pair again, and another audience at the same issuer is fine
        Api.Reply again = tenant.api().put("/settings/sso", "{\"issuer\":\"" + issuer() + "\",\"clientId\":\"" + CLIENT
                + "\",\"clientSecret\":\"console-secret\",\"roleClaim\":\"groups\",\"roleMapping\":{\"custodia-admins\":\"ADMIN\","
                + "\"dpo\":\"APPROVER\",\"auditors\":\"AUDITOR\"}}");
        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        Api.Reply own = other.api().put("/settings/sso", "{\"issuer\":\"" + issuer() + "\",\"clientId\":\"squatter-app\","
                + "\"roleClaim\":\"groups\",\"roleMapping\":{\"a\":\"AUDITOR\"}}");
        assertThat(own.status()).as(own.raw().body()).isEqualTo(200);
    }

    @Test
    void aRotatedProviderKeyIsFetchedOnFirstUseAndTheRetiredKeyStopsWorking() throws Exception {
        String before = token("rotating-" + UUID.randomUUID(), List.of("auditors"));
        assertThat(Api.withKey(before).get("/auth/me").status()).isEqualTo(200);
        idp.shutdown();
        idp = startProvider(newKey()); // same issuer URL, new signing key
        Thread.sleep(600); // the JWKS refetch rate limit in tests is 500 ms
        String after = token("rotating-" + UUID.randomUUID(), List.of("auditors"));
        // this provider keeps the key id (its issuer id) and changes the key: the harder case of rotation
        assertThat(SignedJWT.parse(after).getSignature()).isNotEqualTo(SignedJWT.parse(before).getSignature());
        Api.Reply r = Api.withKey(after).get("/auth/me");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(Api.withKey(before).get("/auth/me").status()).isEqualTo(401);
    }

    @Test
    void settingsAreValidatedAndAnUnreachableIssuerIsRefused() {
        Api.Tenant t = Api.newTenant("sso-bad");
        Api.Reply bad = t.api().put("/settings/sso", "{\"issuer\":\"ftp://x\",\"roleClaim\":\"\",\"roleMapping\":{}}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field")).contains("issuer", "clientId", "roleClaim", "roleMapping");
        Api.Reply unreachable = t.api().put("/settings/sso", "{\"issuer\":\"http://127.0.0.1:1/none\",\"clientId\":\"c\","
                + "\"roleClaim\":\"groups\",\"roleMapping\":{\"a\":\"AUDITOR\"}}");
        assertThat(unreachable.status()).isEqualTo(422);
        assertThat(t.api().get("/settings/sso").status()).isEqualTo(404);
        Api.Reply unknownRole = t.api().put("/settings/sso", "{\"issuer\":\"" + issuer() + "\",\"clientId\":\"c\","
                + "\"roleClaim\":\"groups\",\"roleMapping\":{\"a\":\"WIZARD\"}}");
        assertThat(unknownRole.status()).isEqualTo(422);
    }
}
