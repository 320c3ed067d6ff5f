package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.custodia.identity.domain.TotpCodes;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/** Local accounts end to end: invitation mail, password policy, back-off, TOTP and recovery codes, reset, email change. */
@ExtendWith(ArquillianExtension.class)
class LocalAccountIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void anInvitationArrivesByMailAndItsLinkSetsAPasswordOnce() throws Exception {
        Api.Tenant t = Api.newTenant("invite");
        String email = Accounts.uniqueEmail("dpo");
        Api.Reply invited = t.api().post("/users/invitations", "{\"email\":\"" + email + "\",\"role\":\"APPROVER\"}");
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.json().get("status").asText()).isEqualTo("INVITED");
        Instant expires = Instant.parse(invited.json().get("invitationExpiresAt").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofDays(7).minusMinutes(2), Duration.ofDays(7));
        assertThat(t.api().post("/users/invitations", "{\"email\":\"" + email.toUpperCase() + "\",\"role\":\"IT\"}").status())
                .isEqualTo(409);

        MimeMessage mail = TestMailServer.awaitMessage(email, 1, Duration.ofSeconds(20));
        assertThat(mail.getSubject()).contains("invited");
        String token = TestMailServer.tokenIn(mail);

        Api.Reply weak = Api.anonymous().post("/auth/invitations/accept", "{\"token\":\"" + token + "\",\"password\":\"password1234\"}");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.contentType()).startsWith("application/problem+json");
        assertThat(weak.json().get("errors").get(0).get("field").asText()).isEqualTo("password");
        Api.Reply personal = Api.anonymous().post("/auth/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"" + email.substring(0, email.indexOf('@')) + "-Xy9!\"}");
        assertThat(personal.status()).isEqualTo(422);

        // the refusals wrote nothing: the same link still works once
        Api.Reply accepted = Api.anonymous().post("/auth/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"" + Accounts.PASSWORD + "\",\"displayName\":\"Dana DPO\"}");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        Api.Reply again = Api.anonymous().post("/auth/invitations/accept", "{\"token\":\"" + token + "\",\"password\":\"" + Accounts.PASSWORD + "\"}");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("errors").get(0).get("reason").asText()).contains("already used");

        Accounts.Account dana = new Accounts.Account(t, email, invited.json().get("id").asText(), Accounts.PASSWORD);
        Api.Reply signedIn = dana.signIn("");
        assertThat(signedIn.status()).isEqualTo(200);
        String cookie = signedIn.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("custodia_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("Secure").contains("SameSite=Lax").contains("Path=/api");
        Api session = Api.withSession(Api.sessionFrom(signedIn));
        JsonNode me = session.get("/auth/me").json();
        assertThat(me.get("kind").asText()).isEqualTo("SESSION");
        assertThat(me.get("role").asText()).isEqualTo("APPROVER");
        assertThat(me.get("principal").asText()).isEqualTo("user:" + dana.userId());
        // the role's permissions, nothing more
        assertThat(session.get("/audit/verify").status()).isEqualTo(200);
        assertThat(session.get("/api-keys").status()).isEqualTo(403);
        assertThat(ConsentApiIT.eventTypes(t.api())).contains("user.invited", "user.invitation_accepted", "user.signed_in");

        Api.Reply out = session.post("/auth/logout", "");
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.raw().headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("custodia_session=;") && c.contains("Max-Age=0"));
        assertThat(session.get("/auth/me").status()).isEqualTo(401);
    }

    @Test
    void anExpiredInvitationIsRefused() throws Exception {
        Api.Tenant t = Api.newTenant("invite-expiry");
        String email = Accounts.uniqueEmail("late");
        Api.Reply invited = t.api().post("/users/invitations", "{\"email\":\"" + email + "\",\"role\":\"AUDITOR\"}");
        String token = TestMailServer.tokenIn(TestMailServer.awaitMessage(email, 1, Duration.ofSeconds(20)));
        try (Connection c = TestDatabase.owner();
             PreparedStatement s = c.prepareStatement("update app.user_token set expires_at = now() - interval '1 second' where user_id = ?::uuid")) {
            // as the owner, who is also bound by RLS: bind the tenant first
            c.createStatement().execute("select set_config('app.current_tenant_id', '" + t.id() + "', false)");
            s.setString(1, invited.json().get("id").asText());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        Api.Reply late = Api.anonymous().post("/auth/invitations/accept", "{\"token\":\"" + token + "\",\"password\":\"" + Accounts.PASSWORD + "\"}");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().get("errors").get(0).get("reason").asText()).contains("expired");
        assertThat(Api.anonymous().post("/auth/invitations/accept", "{\"token\":\"cus_t_nonsense\",\"password\":\"x\"}").status()).isEqualTo(422);
    }

    @Test
    void afterFiveWrongPasswordsTheAccountBacksOffEvenForTheRightOne() throws Exception {
        Api.Tenant t = Api.newTenant("brute");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        Accounts.Account wrong = new Accounts.Account(t, a.email(), a.userId(), "not-the-password-at-all-42");
        for (int i = 0; i < 5; i++) {
            Api.Reply r = wrong.signIn("");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("type").asText()).endsWith("invalid-credentials");
        }
        Api.Reply locked = a.signIn("");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 30L);
        assertThat(locked.json().get("type").asText()).endsWith("sign-in-backoff");
        // an unknown address and an unknown organisation get the same answer as a wrong password
        Accounts.Account nobody = new Accounts.Account(t, "nobody@example.org", null, Accounts.PASSWORD);
        assertThat(nobody.signIn("").json().get("type").asText()).endsWith("invalid-credentials");
        assertThat(Api.anonymous().post("/auth/login", "{\"tenant\":\"no-such-org\",\"email\":\"" + a.email() + "\",\"password\":\"x\"}")
                .json().get("type").asText()).endsWith("invalid-credentials");
        // failures reach the audit chain as a summary, not one event each (SignInHardeningIT has the details)
        assertThat(ConsentApiIT.eventTypes(t.api())).doesNotContain("user.sign_in_failed", "user.sign_in_refused");
        assertThat(Api.admin().post("/admin/sign-ins/summarise", "").status()).isEqualTo(200);
        JsonNode summary = null;
        for (JsonNode e : t.api().get("/audit/events?limit=1000").json()) {
            if (e.get("eventType").asText().equals("auth.failed_signins_summary")) {
                summary = e.get("payload");
            }
        }
        assertThat(summary).isNotNull();
        assertThat(summary.get("failures").asInt()).isEqualTo(6); // five for the account, one for the unknown address
        assertThat(summary.get("refusedWhileBackingOff").asInt()).isEqualTo(1);
        assertThat(summary.get("failuresByUser").asText()).isEqualTo(a.userId() + ":5");
    }

    @Test
    void totpIsEnforcedOnceEnrolledAndEachCodeAndRecoveryCodeWorksOnce() throws Exception {
        Api.Tenant t = Api.newTenant("totp");
        Accounts.Account a = Accounts.invited(t, "APPROVER");
        Api session = a.session();
        Api.Reply enrol = session.post("/auth/mfa/totp", "");
        assertThat(enrol.status()).isEqualTo(201);
        String secret = enrol.json().get("secret").asText();
        assertThat(enrol.json().get("otpauthUri").asText()).startsWith("otpauth://totp/").contains("secret=" + secret)
                .doesNotContain(a.email().replace("@", "%40"));
        assertThat(session.post("/auth/mfa/totp/confirm", "{\"code\":\"000000\"}").status()).isEqualTo(422);
        long step = TotpCodes.stepAt(Instant.now().getEpochSecond());
        Api.Reply confirmed = session.post("/auth/mfa/totp/confirm", "{\"code\":\"" + TotpCodes.codeAt(secret, step) + "\"}");
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        List<String> recovery = new ArrayList<>();
        confirmed.json().get("recoveryCodes").forEach(n -> recovery.add(n.asText()));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();

        Api.Reply noCode = a.signIn("");
        assertThat(noCode.status()).isEqualTo(401);
        assertThat(noCode.json().get("type").asText()).endsWith("mfa-required");
        assertThat(Api.sessionFrom(noCode)).isNull();
        // the code used for enrolment is spent; the next step's code works once
        assertThat(a.signIn(",\"totpCode\":\"" + TotpCodes.codeAt(secret, step) + "\"").status()).isEqualTo(401);
        String next = TotpCodes.codeAt(secret, step + 1);
        assertThat(a.signIn(",\"totpCode\":\"" + next + "\"").status()).isEqualTo(200);
        assertThat(a.signIn(",\"totpCode\":\"" + next + "\"").status()).isEqualTo(401);

        Api.Reply withRecovery = a.signIn(",\"recoveryCode\":\"" + recovery.get(3) + "\"");
        assertThat(withRecovery.status()).isEqualTo(200);
        assertThat(Api.withSession(Api.sessionFrom(withRecovery)).get("/auth/me").status()).isEqualTo(200);
        Api.Reply reused = a.signIn(",\"recoveryCode\":\"" + recovery.get(3) + "\"");
        assertThat(reused.status()).isEqualTo(401);
        assertThat(a.signIn(",\"recoveryCode\":\"" + recovery.get(4) + "\"").status()).isEqualTo(200);
        assertThat(ConsentApiIT.eventTypes(t.api())).contains("user.mfa_enabled");
    }

    @Test
    void aTenantThatEnforcesMfaLetsANewSessionDoNothingButEnrol() throws Exception {
        Api.Tenant t = Api.newTenant("mfa-required");
        Accounts.Account a = Accounts.invited(t, "AUDITOR");
        Api.Reply set = t.api().put("/settings/security", "{\"mfaRequired\":true,\"corsOrigins\":[]}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        Api.Reply signedIn = a.signIn("");
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.json().get("mfaEnrolmentRequired").asBoolean()).isTrue();
        Api session = Api.withSession(Api.sessionFrom(signedIn));
        Api.Reply blocked = session.get("/audit/verify");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("type").asText()).endsWith("mfa-enrolment-required");
        String secret = session.post("/auth/mfa/totp", "").json().get("secret").asText();
        String code = TotpCodes.codeAt(secret, TotpCodes.stepAt(Instant.now().getEpochSecond()));
        assertThat(session.post("/auth/mfa/totp/confirm", "{\"code\":\"" + code + "\"}").status()).isEqualTo(200);
        assertThat(session.get("/audit/verify").status()).isEqualTo(200); // the same session, now past MFA
        assertThat(a.signIn("").json().get("type").asText()).endsWith("mfa-required");
    }

    @Test
    void aPasswordResetLinkWorksOnceEndsOldSessionsAndRevealsNothingAboutUnknownAddresses() throws Exception {
        Api.Tenant t = Api.newTenant("reset");
        Accounts.Account a = Accounts.invited(t, "IT");
        Api oldSession = a.session();
        Api.Reply unknown = Api.anonymous().post("/auth/password-reset", "{\"tenant\":\"" + t.slug() + "\",\"email\":\"ghost@example.org\"}");
        Api.Reply known = Api.anonymous().post("/auth/password-reset", "{\"tenant\":\"" + t.slug() + "\",\"email\":\"" + a.email() + "\"}");
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(known.status()).isEqualTo(202);
        assertThat(known.raw().body()).isEqualTo(unknown.raw().body());
        MimeMessage mail = TestMailServer.awaitMessage(a.email(), 2, Duration.ofSeconds(20)); // 1: invitation, 2: reset
        assertThat(mail.getSubject()).contains("Reset");
        String token = TestMailServer.tokenIn(mail);
        String newPassword = "copper-lantern-meadow-71-orbit";
        Api.Reply reset = Api.anonymous().post("/auth/password-reset/confirm", "{\"token\":\"" + token + "\",\"password\":\"" + newPassword + "\"}");
        assertThat(reset.status()).as(reset.raw().body()).isEqualTo(204);
        assertThat(oldSession.get("/auth/me").status()).isEqualTo(401);
        assertThat(a.signIn("").status()).isEqualTo(401);
        assertThat(new Accounts.Account(t, a.email(), a.userId(), newPassword).signIn("").status()).isEqualTo(200);
        assertThat(Api.anonymous().post("/auth/password-reset/confirm", "{\"token\":\"" + token + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                .status()).isEqualTo(422);
        assertThat(TestMailServer.to("ghost@example.org")).isEmpty();
    }

    @Test
    void aNewEmailAddressAppliesOnlyOnceItsLinkIsUsed() throws Exception {
        Api.Tenant t = Api.newTenant("email-change");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        Api session = a.session();
        String newEmail = Accounts.uniqueEmail("moved");
        Api.Reply asked = session.post("/users/me/email", "{\"email\":\"" + newEmail + "\"}");
        assertThat(asked.status()).isEqualTo(202);
        assertThat(t.api().get("/users/" + a.userId()).json().get("email").asText()).isEqualTo(a.email());
        String token = TestMailServer.tokenIn(TestMailServer.awaitMessage(newEmail, 1, Duration.ofSeconds(20)));
        Api.Reply confirmed = Api.anonymous().post("/auth/email-verification/confirm", "{\"token\":\"" + token + "\"}");
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        assertThat(t.api().get("/users/" + a.userId()).json().get("email").asText()).isEqualTo(newEmail);
        assertThat(new Accounts.Account(t, newEmail, a.userId(), a.password()).signIn("").status()).isEqualTo(200);
        assertThat(session.post("/users/me/email", "{\"email\":\"not-an-address\"}").status()).isEqualTo(422);
        assertThat(t.api().post("/users/me/email", "{\"email\":\"" + newEmail + "\"}").status()).isEqualTo(409); // a key has no address
    }

    @Test
    void disablingAUserEndsTheirSessionsAndRoleChangesApplyAtOnce() throws Exception {
        Api.Tenant t = Api.newTenant("disable");
        Accounts.Account a = Accounts.invited(t, "AUDITOR");
        Api session = a.session();
        assertThat(session.get("/purposes").status()).isEqualTo(200);
        assertThat(session.post("/purposes", "{\"key\":\"p\",\"name\":\"P\"}").status()).isEqualTo(403);
        assertThat(t.api().put("/users/" + a.userId() + "/role", "{\"role\":\"MANAGER\"}").status()).isEqualTo(200);
        assertThat(session.post("/purposes", "{\"key\":\"p\",\"name\":\"P\"}").status()).isEqualTo(201);
        Api.Reply managerKey = t.api().post("/api-keys", "{\"name\":\"m\",\"role\":\"MANAGER\"}");
        Api manager = Api.withKey(managerKey.json().get("key").asText());
        assertThat(manager.put("/users/" + a.userId() + "/role", "{\"role\":\"ADMIN\"}").status()).isEqualTo(403);
        assertThat(t.api().delete("/users/" + a.userId()).json().get("status").asText()).isEqualTo("DISABLED");
        assertThat(session.get("/purposes").status()).isEqualTo(401);
        assertThat(a.signIn("").status()).isEqualTo(401);
    }
}
