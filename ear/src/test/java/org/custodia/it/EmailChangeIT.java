package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.mail.internet.MimeMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Changing one's address needs re-authentication, and the old address can undo it. */
@ExtendWith(ArquillianExtension.class)
class EmailChangeIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void anOldSessionNeedsTheCurrentPasswordAndTheOldAddressCanUndoTheChange() throws Exception {
        Api.Tenant t = Api.newTenant("email-undo");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        Api stale = a.session();
        assertThat(SessionLimitsIT.moveSessions(a.userId(), "created_at = now() - interval '11 minutes'", "true")).isEqualTo(1);
        String newEmail = Accounts.uniqueEmail("thief");

        Api.Reply bare = stale.post("/users/me/email", "{\"email\":\"" + newEmail + "\"}");
        assertThat(bare.status()).isEqualTo(403);
        assertThat(bare.contentType()).startsWith("application/problem+json");
        assertThat(bare.json().get("type").asText()).endsWith("reauthentication-required");
        assertThat(bare.json().get("errors").get(0).get("field").asText()).isEqualTo("currentPassword");
        Api.Reply wrong = stale.post("/users/me/email", "{\"email\":\"" + newEmail + "\",\"currentPassword\":\"guess-guess-guess-1\"}");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(TestMailServer.to(newEmail)).isEmpty();

        Api.Reply asked = stale.post("/users/me/email", "{\"email\":\"" + newEmail + "\",\"currentPassword\":\"" + a.password() + "\"}");
        assertThat(asked.status()).as(asked.raw().body()).isEqualTo(202);
        String confirm = TestMailServer.tokenIn(TestMailServer.awaitMessage(newEmail, 1, Duration.ofSeconds(20)));
        assertThat(Api.anonymous().post("/auth/email-verification/confirm", "{\"token\":\"" + confirm + "\"}").status()).isEqualTo(200);
        assertThat(t.api().get("/users/" + a.userId()).json().get("email").asText()).isEqualTo(newEmail);

        // the old address hears of it (mail 1 was the invitation) and gets a way back
        MimeMessage notice = TestMailServer.awaitMessage(a.email(), 2, Duration.ofSeconds(20));
        assertThat(notice.getSubject()).contains("changed");
        assertThat(TestMailServer.text(notice)).contains(newEmail);
        String undo = TestMailServer.tokenIn(notice);
        Api thief = new Accounts.Account(t, newEmail, a.userId(), a.password()).session();
        assertThat(thief.get("/auth/me").status()).isEqualTo(200);

        Api.Reply undone = Api.anonymous().post("/auth/email-change/undo", "{\"token\":\"" + undo + "\"}");
        assertThat(undone.status()).as(undone.raw().body()).isEqualTo(200);
        assertThat(t.api().get("/users/" + a.userId()).json().get("email").asText()).isEqualTo(a.email());
        assertThat(thief.get("/auth/me").status()).isEqualTo(401);
        assertThat(stale.get("/auth/me").status()).isEqualTo(401);
        assertThat(a.signIn("").status()).isEqualTo(200);
        assertThat(Api.anonymous().post("/auth/email-change/undo", "{\"token\":\"" + undo + "\"}").status()).isEqualTo(422);
        assertThat(ConsentApiIT.eventTypes(t.api())).contains("user.email_change_undone");
    }

    @Test
    void wrongCurrentPasswordsCountTowardsTheSignInBackOff() throws Exception {
        Api.Tenant t = Api.newTenant("email-guess");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        Api session = a.session();
        String body = "{\"email\":\"" + Accounts.uniqueEmail("x") + "\",\"currentPassword\":\"guess-guess-guess-1\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(session.post("/users/me/email", body).status()).isEqualTo(403);
        }
        assertThat(session.post("/users/me/email", body).status()).isEqualTo(429);
        assertThat(a.signIn("").status()).isEqualTo(429);
    }

    @Test
    void aFreshSessionChangesTheAddressWithoutThePassword() throws Exception {
        Api.Tenant t = Api.newTenant("email-recent");
        Accounts.Account a = Accounts.invited(t, "AUDITOR");
        String newEmail = Accounts.uniqueEmail("moved");
        assertThat(a.session().post("/users/me/email", "{\"email\":\"" + newEmail + "\"}").status()).isEqualTo(202);
    }
}
