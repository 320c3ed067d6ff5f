package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

/** Local accounts for tests: invited by mail, accepted through the link's token, signed in. */
final class Accounts {

    static final String PASSWORD = "violet-kettle-harbour-9-quartz";

    record Account(Api.Tenant tenant, String email, String userId, String password) {

        Api.Reply signIn(String extraJson) {
            return Api.anonymous().post("/auth/login", "{\"tenant\":\"" + tenant.slug() + "\",\"email\":\"" + email
                    + "\",\"password\":\"" + password + "\"" + extraJson + "}");
        }

        Api session() {
            Api.Reply r = signIn("");
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            return Api.withSession(Api.sessionFrom(r));
        }
    }

    private Accounts() {
    }

    static String uniqueEmail(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** Invites, reads the mail from GreenMail, accepts with {@link #PASSWORD}. */
    static Account invited(Api.Tenant t, String role) throws InterruptedException {
        String email = uniqueEmail(role.toLowerCase());
        Api.Reply invited = t.api().post("/users/invitations", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
        MimeMessage mail = TestMailServer.awaitMessage(email, 1, Duration.ofSeconds(20));
        Api.Reply accepted = Api.anonymous().post("/auth/invitations/accept",
                "{\"token\":\"" + TestMailServer.tokenIn(mail) + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        return new Account(t, email, invited.json().get("id").asText(), PASSWORD);
    }
}
