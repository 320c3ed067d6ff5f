package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Device cookies: an attacker can keep unknown browsers out of an account with wrong passwords, but not
 * the owner's browser that signed in before; the cookie opens no other account and a reset voids it.
 */
@ExtendWith(ArquillianExtension.class)
class DeviceCookieIT {

    static final String WRONG = "not-the-password-at-all-42";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    /** A sign-in from a browser carrying {@code device} as its device cookie (null: a browser without one). */
    static Api.Reply signIn(Api.Tenant t, String email, String password, String device) {
        HttpRequest.Builder b = Api.anonymous().request("/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + t.slug() + "\",\"email\":\"" + email
                        + "\",\"password\":\"" + password + "\"}"));
        if (device != null) {
            b.header("Cookie", "custodia_device=" + device);
        }
        return Api.anonymous().send(b);
    }

    /** The Set-Cookie header of the device cookie, or null. */
    static String deviceHeader(Api.Reply r) {
        return r.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("custodia_device=")).findFirst().orElse(null);
    }

    static String deviceFrom(Api.Reply r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        String c = deviceHeader(r);
        assertThat(c).isNotNull();
        return c.substring("custodia_device=".length(), c.indexOf(';'));
    }

    /** Drives the account's address into back-off from a browser without a device cookie. */
    static void lockOut(Api.Tenant t, String email) {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(t, email, WRONG, null).status()).isEqualTo(401);
        }
        assertThat(signIn(t, email, WRONG, null).status()).isEqualTo(429);
    }

    @Test
    void theOwnersBrowserSignsInWhileAnAttackerKeepsTheAccountBackingOff() throws Exception {
        Api.Tenant t = Api.newTenant("device-owner");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        Api.Reply first = signIn(t, a.email(), a.password(), null);
        String device = deviceFrom(first);
        assertThat(deviceHeader(first)).containsIgnoringCase("HttpOnly").containsIgnoringCase("Secure")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/api/v1/auth/login").contains("Max-Age=31536000");

        lockOut(t, a.email());
        Api.Reply fresh = signIn(t, a.email(), a.password(), null);
        assertThat(fresh.status()).isEqualTo(429);
        assertThat(fresh.header("Retry-After")).isNotNull();
        assertThat(signIn(t, a.email(), a.password(), "cus_d_" + "A".repeat(43)).status()).isEqualTo(429); // unknown: as none

        Api.Reply owner = signIn(t, a.email(), a.password(), device);
        assertThat(owner.status()).as(owner.raw().body()).isEqualTo(200);
        assertThat(Api.sessionFrom(owner)).isNotNull();
        String renewed = deviceFrom(owner);
        assertThat(renewed).isNotEqualTo(device);
        // the old value was replaced (a copy of it is worth nothing), and the owner's success ends no attacker's wait
        assertThat(signIn(t, a.email(), a.password(), device).status()).isEqualTo(429);
        assertThat(signIn(t, a.email(), a.password(), null).status()).isEqualTo(429);
        assertThat(signIn(t, a.email(), a.password(), renewed).status()).isEqualTo(200);
    }

    @Test
    void aDeviceCookieOfOneAccountOpensNoOther() throws Exception {
        Api.Tenant t = Api.newTenant("device-foreign");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        Accounts.Account b = Accounts.invited(t, "IT");
        String deviceOfA = deviceFrom(signIn(t, a.email(), a.password(), null));
        lockOut(t, b.email());
        Api.Reply asB = signIn(t, b.email(), b.password(), deviceOfA);
        assertThat(asB.status()).isEqualTo(429);
        assertThat(deviceHeader(asB)).isNull();
        // nor an account of another organisation
        Api.Tenant other = Api.newTenant("device-foreign-2");
        Accounts.Account elsewhere = Accounts.invited(other, "MANAGER");
        lockOut(other, elsewhere.email());
        assertThat(signIn(other, elsewhere.email(), elsewhere.password(), deviceOfA).status()).isEqualTo(429);
        assertThat(signIn(t, a.email(), a.password(), deviceOfA).status()).isEqualTo(200); // still A's
    }

    @Test
    void failuresWithADeviceCookieBackOffThatDeviceAloneAndReachTheSummary() throws Exception {
        Api.Tenant t = Api.newTenant("device-own-counter");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        String device = deviceFrom(signIn(t, a.email(), a.password(), null));
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(t, a.email(), WRONG, device).status()).isEqualTo(401);
        }
        Api.Reply waiting = signIn(t, a.email(), a.password(), device);
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.json().path("type").asText()).endsWith("sign-in-backoff");
        assertThat(Long.parseLong(waiting.header("Retry-After"))).isBetween(1L, 30L);
        assertThat(addressFailures(t.id())).isZero(); // the untrusted clients' counter never saw them
        assertThat(signIn(t, a.email(), a.password(), null).status()).isEqualTo(200);

        Api.Reply round = Api.admin().post("/admin/sign-ins/summarise", "");
        assertThat(round.status()).as(round.raw().body()).isEqualTo(200);
        List<JsonNode> summaries = new ArrayList<>();
        t.api().get("/audit/events?limit=1000").json().forEach(e -> {
            if (e.get("eventType").asText().equals("auth.failed_signins_summary")) {
                summaries.add(e.get("payload"));
            }
        });
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).get("failures").asInt()).isEqualTo(5);
        assertThat(summaries.get(0).get("refusedWhileBackingOff").asInt()).isEqualTo(1);
        assertThat(summaries.get(0).get("addresses").asInt()).isZero();
        assertThat(summaries.get(0).get("trustedDevices").asInt()).isEqualTo(1);
        assertThat(summaries.get(0).get("failuresByUser").asText()).isEqualTo(a.userId() + ":5");
    }

    @Test
    void aPasswordResetVoidsTheAccountsDeviceCookies() throws Exception {
        Api.Tenant t = Api.newTenant("device-reset");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        String before = deviceFrom(signIn(t, a.email(), a.password(), null));
        assertThat(Api.anonymous().post("/auth/password-reset", "{\"tenant\":\"" + t.slug() + "\",\"email\":\"" + a.email() + "\"}")
                .status()).isEqualTo(202);
        String token = TestMailServer.tokenIn(TestMailServer.awaitMessage(a.email(), 2, Duration.ofSeconds(20)));
        String newPassword = "copper-lantern-meadow-71-orbit";
        assertThat(Api.anonymous().post("/auth/password-reset/confirm", "{\"token\":\"" + token + "\",\"password\":\"" + newPassword + "\"}")
                .status()).isEqualTo(204);
        String after = deviceFrom(signIn(t, a.email(), newPassword, null));

        lockOut(t, a.email());
        assertThat(signIn(t, a.email(), newPassword, before).status()).isEqualTo(429);
        assertThat(signIn(t, a.email(), newPassword, after).status()).isEqualTo(200);
    }

    @Test
    void anUndoneEmailChangeVoidsTheDeviceCookiesOfWhoeverChangedIt() throws Exception {
        Api.Tenant t = Api.newTenant("device-undo");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        String newEmail = Accounts.uniqueEmail("thief");
        Api.Reply asked = a.session().post("/users/me/email", "{\"email\":\"" + newEmail + "\",\"currentPassword\":\"" + a.password() + "\"}");
        assertThat(asked.status()).as(asked.raw().body()).isEqualTo(202);
        String confirm = TestMailServer.tokenIn(TestMailServer.awaitMessage(newEmail, 1, Duration.ofSeconds(20)));
        assertThat(Api.anonymous().post("/auth/email-verification/confirm", "{\"token\":\"" + confirm + "\"}").status()).isEqualTo(200);
        String thiefsDevice = deviceFrom(signIn(t, newEmail, a.password(), null));

        String undo = TestMailServer.tokenIn(TestMailServer.awaitMessage(a.email(), 2, Duration.ofSeconds(20)));
        assertThat(Api.anonymous().post("/auth/email-change/undo", "{\"token\":\"" + undo + "\"}").status()).isEqualTo(200);
        lockOut(t, a.email());
        assertThat(signIn(t, a.email(), a.password(), thiefsDevice).status()).isEqualTo(429);
    }

    /** Failures the tenant's untrusted clients (address rows, not device rows) have recorded. */
    static int addressFailures(UUID tenant) throws Exception {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); PreparedStatement ps = c.prepareStatement(
                "select coalesce(sum(pending_failures), 0) from app.sign_in_failure where tenant_id = ? and device_id is null")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
