package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

import org.custodia.identity.domain.TotpCodes;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The takeover path through SSO linking, end to end with a real provider (mock-oauth2-server): whoever
 * controls the provider can claim any verified address. Only ADMIN (sso:configure) with a recent sign-in
 * may point SSO at a provider; an identity claiming an existing account's address is not linked until the
 * account's owner confirms by mail (with TOTP when enabled), gets nothing meanwhile, and a linked local
 * account keeps its own role whatever the mapping says.
 */
@ExtendWith(ArquillianExtension.class)
class SsoAccountTakeoverIT {

    static final String ISSUER_ID = "takeover-idp";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final Pattern LINK_TOKEN = Pattern.compile("(cus_l_[A-Za-z0-9_-]{20,})");

    static MockOAuth2Server idp;
    static Api.Tenant tenant;
    static String client;
    static Accounts.Account victim;
    static String victimTotpSecret;
    static long enrolStep;
    static Accounts.Account admin;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static String issuer() {
        String url = idp.issuerUrl(ISSUER_ID).toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String settings() {
        return "{\"issuer\":\"" + issuer() + "\",\"clientId\":\"" + client + "\",\"clientSecret\":\"s3cret\",\"roleClaim\":\"groups\","
                + "\"roleMapping\":{\"custodia-admins\":\"ADMIN\",\"staff\":\"AUDITOR\"}}";
    }

    @BeforeAll
    static void setUp() throws Exception {
        idp = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(new KeyProvider(List.of(new RSAKeyGenerator(2048).keyID("k1").generate()), "RS256"))));
        idp.start(java.net.InetAddress.getLoopbackAddress(), 0);
        tenant = Api.newTenant("takeover");
        client = "takeover-" + tenant.slug();
        victim = Accounts.invited(tenant, "ADMIN");
        Api session = victim.session();
        victimTotpSecret = session.post("/auth/mfa/totp", "").json().get("secret").asText();
        enrolStep = TotpCodes.stepAt(Instant.now().getEpochSecond());
        Api.Reply enrolled = session.post("/auth/mfa/totp/confirm", "{\"code\":\"" + TotpCodes.codeAt(victimTotpSecret, enrolStep) + "\"}");
        assertThat(enrolled.status()).as(enrolled.raw().body()).isEqualTo(200);
        admin = Accounts.invited(tenant, "ADMIN"); // no TOTP: signs in with the password alone
        Api.Reply saved = admin.session().put("/settings/sso", settings());
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.shutdown();
        }
    }

    static DefaultOAuth2TokenCallback person(String subject, String email, List<String> groups) {
        return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(client),
                Map.of("groups", groups, "email", email, "email_verified", true), 3600);
    }

    static String bearer(String subject, String email, List<String> groups) {
        return idp.issueToken(ISSUER_ID, client, person(subject, email, groups)).serialize();
    }

    static Object[] userRow(String userId) throws Exception {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement ps = c.prepareStatement("select oidc_subject, role from app.app_user where id = ?::uuid")) {
            ps.setString(1, userId);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return new Object[] {r.getString(1), r.getString(2)};
            }
        }
    }

    static String linkToken(String email, int count) throws InterruptedException {
        String body = TestMailServer.text(TestMailServer.awaitMessage(email, count, Duration.ofSeconds(20)));
        Matcher m = LINK_TOKEN.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    @Test
    void onlyAnAdminWithARecentSignInChangesSingleSignOn() throws Exception {
        Api it = Api.withKey(tenant.api().post("/api-keys", "{\"name\":\"it\",\"role\":\"IT\"}").json().get("key").asText());
        Api.Reply byIt = it.put("/settings/sso", settings());
        assertThat(byIt.status()).isEqualTo(403);
        assertThat(byIt.json().get("detail").asText()).contains("sso:configure");
        assertThat(it.delete("/settings/sso").status()).isEqualTo(403);
        Accounts.Account itUser = Accounts.invited(tenant, "IT");
        assertThat(itUser.session().put("/settings/sso", settings()).status()).isEqualTo(403);

        // an ADMIN session signed in eleven minutes ago: refused until it signs in again
        Api.Reply signedIn = admin.signIn("");
        Api stale = Api.withSession(Api.sessionFrom(signedIn));
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement ps = c.prepareStatement("update app.user_session set created_at = created_at - interval '11 minutes'"
                     + " where user_id = ?::uuid")) {
            ps.setString(1, admin.userId());
            assertThat(ps.executeUpdate()).isPositive();
        }
        assertThat(stale.get("/auth/me").status()).as("the session itself is still valid").isEqualTo(200);
        Api.Reply refused = stale.put("/settings/sso", settings());
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).endsWith("reauthentication-required");
        assertThat(stale.delete("/settings/sso").status()).isEqualTo(403);
        assertThat(stale.post("/auth/session/refresh", "").status()).isEqualTo(200);
        assertThat(stale.put("/settings/sso", settings()).status()).as("a refresh is not a sign-in").isEqualTo(403);
        Api.Reply fresh = admin.session().put("/settings/sso", settings());
        assertThat(fresh.status()).as(fresh.raw().body()).isEqualTo(200);
        // a bearer token of the provider, even one mapped to ADMIN, cannot re-point SSO at another provider
        Api adminByToken = Api.withKey(bearer("sso-admin-" + UUID.randomUUID(), Accounts.uniqueEmail("ssoadmin"), List.of("custodia-admins")));
        assertThat(adminByToken.get("/auth/me").json().get("role").asText()).isEqualTo("ADMIN");
        assertThat(adminByToken.put("/settings/sso", settings()).status()).isEqualTo(403);
    }

    @Test
    void anIdentityClaimingAnAdminsVerifiedAddressIsNotLinkedWithoutTheOwnerAndTheirTotp() throws Exception {
        String attacker = "attacker-" + UUID.randomUUID();
        // the console sign-in: the provider vouches for the victim's address; Custodia asks the owner and signs nobody in
        Api.Reply start = Api.anonymous().get("/auth/oidc/" + tenant.slug() + "/login");
        assertThat(start.status()).isEqualTo(303);
        String cookie = SingleSignOnIT.loginCookie(start);
        idp.enqueueCallback(person(attacker, victim.email(), List.of("custodia-admins")));
        HttpResponse<String> atProvider = HTTP.send(HttpRequest.newBuilder(URI.create(start.header("Location"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> back = HTTP.send(HttpRequest.newBuilder(callback).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(409);
        assertThat(back.body()).contains("account-link-pending");
        assertThat(back.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("custodia_session="));
        assertThat(userRow(victim.userId())).containsExactly(null, "ADMIN");

        // the same identity as a bearer token: refused too, and no second mail
        Api.Reply asBearer = Api.withKey(bearer(attacker, victim.email(), List.of("custodia-admins"))).get("/auth/me");
        assertThat(asBearer.status()).as(asBearer.raw().body()).isEqualTo(409);
        String token = linkToken(victim.email(), 2); // the invitation was the first mail
        Thread.sleep(3_000); // the outbox retries every 2 s in the tests: a second request would have arrived by now
        assertThat(TestMailServer.to(victim.email())).hasSize(2);
        assertThat(userRow(victim.userId())).containsExactly(null, "ADMIN");

        // the link alone does not skip the account's TOTP
        Api.Reply noCode = Api.anonymous().post("/auth/sso-link/confirm", "{\"token\":\"" + token + "\"}");
        assertThat(noCode.status()).as(noCode.raw().body()).isEqualTo(401);
        assertThat(noCode.json().get("type").asText()).endsWith("mfa-required");
        Api.Reply wrongCode = Api.anonymous().post("/auth/sso-link/confirm", "{\"token\":\"" + token + "\",\"totpCode\":\"000000\"}");
        assertThat(wrongCode.status()).isEqualTo(401);
        assertThat(userRow(victim.userId())).containsExactly(null, "ADMIN");
        assertThat(Api.withKey(bearer(attacker, victim.email(), List.of("custodia-admins"))).get("/auth/me").status()).isEqualTo(409);

        // the owner confirms with the mail's link and a current code: linked, with the account's own role
        Api.Reply confirmed = Api.anonymous().post("/auth/sso-link/confirm", "{\"token\":\"" + token + "\",\"totpCode\":\""
                + TotpCodes.codeAt(victimTotpSecret, enrolStep + 1) + "\"}");
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        assertThat(Api.anonymous().post("/auth/sso-link/confirm", "{\"token\":\"" + token + "\",\"totpCode\":\""
                + TotpCodes.codeAt(victimTotpSecret, enrolStep + 1) + "\"}").status()).as("single use").isEqualTo(422);
        assertThat(userRow(victim.userId())).containsExactly(attacker, "ADMIN");
        // the mapping ("staff" is AUDITOR) does not lower the linked account's role
        Api.Reply me = Api.withKey(bearer(attacker, victim.email(), List.of("staff"))).get("/auth/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.json().get("role").asText()).isEqualTo("ADMIN");
        assertThat(userRow(victim.userId())[1]).isEqualTo("ADMIN");
        assertThat(ConsentApiIT.eventTypes(tenant.api())).contains("user.sso_link_requested", "user.sso_linked");
    }

    @Test
    void aLinkedLocalAccountIsNeverRaisedByTheMapping() throws Exception {
        Accounts.Account auditor = Accounts.invited(tenant, "AUDITOR");
        String subject = "auditor-idp-" + UUID.randomUUID();
        Api.Reply pending = Api.withKey(bearer(subject, auditor.email(), List.of("custodia-admins"))).get("/auth/me");
        assertThat(pending.status()).as(pending.raw().body()).isEqualTo(409);
        String token = linkToken(auditor.email(), 2); // the invitation was the first mail
        Api.Reply confirmed = Api.anonymous().post("/auth/sso-link/confirm", "{\"token\":\"" + token + "\"}");
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        Api.Reply me = Api.withKey(bearer(subject, auditor.email(), List.of("custodia-admins"))).get("/auth/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.json().get("role").asText()).isEqualTo("AUDITOR");
        assertThat(userRow(auditor.userId())).containsExactly(subject, "AUDITOR");
        // a person the provider provisions still gets the mapped role
        Api.Reply provisioned = Api.withKey(bearer("new-" + UUID.randomUUID(), Accounts.uniqueEmail("newcomer"), List.of("staff")))
                .get("/auth/me");
        assertThat(provisioned.json().get("role").asText()).isEqualTo("AUDITOR");
    }
}
