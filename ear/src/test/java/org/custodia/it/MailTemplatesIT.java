package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Templated mail through the outbox and a real SMTP server: the invitation leaves as multipart/alternative
 * (plain text, then HTML escaping the tenant's name), dated in the tenant's zone, and a tenant's override file
 * ({@code CUSTODIA_MAIL_TEMPLATES_DIR}) replaces the shipped part it names from the next mail on.
 */
@ExtendWith(ArquillianExtension.class)
class MailTemplatesIT {

    static final String HOSTILE_NAME = "<script>alert(1)</script> Müller & Söhne";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void anInvitationArrivesAsTextAndEscapedHtmlInTheTenantsZone() throws Exception {
        Api.Tenant t = hostileTenant("mail-html");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"country\":\"DE\"}").status()).isEqualTo(200);
        String email = Accounts.uniqueEmail("invitee");
        assertThat(t.api().post("/users/invitations", "{\"email\":\"" + email + "\",\"role\":\"APPROVER\"}").status()).isEqualTo(201);

        MimeMessage mail = TestMailServer.awaitMessage(email, 1, Duration.ofSeconds(20));
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(parts.getBodyPart(1).getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");

        assertThat(mail.getSubject()).isEqualTo("You are invited to " + HOSTILE_NAME + " on Custodia");
        String text = TestMailServer.text(mail);
        String html = TestMailServer.html(mail);
        String token = TestMailServer.tokenIn(mail);
        assertThat(text).contains("invited to " + HOSTILE_NAME + " on Custodia as APPROVER").contains(token).contains("(Europe/Berlin)");
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; Müller &amp; Söhne")
                .contains("href=\"http://127.0.0.1:" + System.getProperty("custodia.it.http.port") + "/console/accept-invitation#token=" + token + "\"")
                .contains("(Europe/Berlin)");

        // the token in the templated mail works as before
        Api.Reply accepted = Api.anonymous().post("/auth/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"" + Accounts.PASSWORD + "\"}");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
    }

    @Test
    void aTenantsOverrideFileReplacesTheShippedPartFromTheNextMailOn() throws Exception {
        Api.Tenant t = hostileTenant("mail-override");
        Api.Tenant other = hostileTenant("mail-other");
        Path overrides = Path.of(System.getProperty("custodia.it.base.dir"), "mail-templates");
        Path dir = overrides.resolve(t.slug()).resolve("user-invitation").resolve("en");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("subject.peb"), "Welcome aboard, {{ role }} of {{ tenantName }}\n");

        String email = Accounts.uniqueEmail("override");
        assertThat(t.api().post("/users/invitations", "{\"email\":\"" + email + "\",\"role\":\"AUDITOR\"}").status()).isEqualTo(201);
        MimeMessage mail = TestMailServer.awaitMessage(email, 1, Duration.ofSeconds(20));
        assertThat(mail.getSubject()).isEqualTo("Welcome aboard, AUDITOR of " + HOSTILE_NAME);
        assertThat(TestMailServer.text(mail)).contains("Accept the invitation"); // the bodies stay shipped

        // an override that asks for what the model lacks is not sent blank: the shipped subject goes out
        Files.writeString(dir.resolve("subject.peb"), "Hello {{ inviteeEmail }}\n");
        String second = Accounts.uniqueEmail("override-broken");
        assertThat(t.api().post("/users/invitations", "{\"email\":\"" + second + "\",\"role\":\"AUDITOR\"}").status()).isEqualTo(201);
        assertThat(TestMailServer.awaitMessage(second, 1, Duration.ofSeconds(20)).getSubject())
                .isEqualTo("You are invited to " + HOSTILE_NAME + " on Custodia");

        // another tenant never sees it
        String third = Accounts.uniqueEmail("override-other");
        assertThat(other.api().post("/users/invitations", "{\"email\":\"" + third + "\",\"role\":\"AUDITOR\"}").status()).isEqualTo(201);
        assertThat(TestMailServer.awaitMessage(third, 1, Duration.ofSeconds(20)).getSubject()).startsWith("You are invited to");
    }

    @Test
    void theTenantsDefaultLanguageWritesMailWhoseReaderHasNone() throws Exception {
        Api.Tenant t = hostileTenant("mail-lang");
        assertThat(t.api().get("/settings/mail").json().get("defaultLanguage").isNull()).isTrue();
        // only a language every mail type exists in: shipped (en, de) or the tenant's own
        for (String bad : new String[] {"fr", "../en", "DE", "deu-x"}) {
            Api.Reply refused = t.api().put("/settings/mail", "{\"defaultLanguage\":\"" + bad + "\"}");
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("defaultLanguage");
        }
        Api.Reply set = t.api().put("/settings/mail", "{\"defaultLanguage\":\"de\"}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(t.api().get("/settings/mail").json().get("defaultLanguage").asText()).isEqualTo("de");

        String email = Accounts.uniqueEmail("sprache");
        assertThat(t.api().post("/users/invitations", "{\"email\":\"" + email + "\",\"role\":\"AUDITOR\"}").status()).isEqualTo(201);
        assertThat(TestMailServer.awaitMessage(email, 1, Duration.ofSeconds(20)).getSubject())
                .isEqualTo("Sie sind zu " + HOSTILE_NAME + " auf Custodia eingeladen");

        // cleared: English again
        assertThat(t.api().put("/settings/mail", "{\"defaultLanguage\":null}").status()).isEqualTo(200);
        String second = Accounts.uniqueEmail("language");
        assertThat(t.api().post("/users/invitations", "{\"email\":\"" + second + "\",\"role\":\"AUDITOR\"}").status()).isEqualTo(201);
        assertThat(TestMailServer.awaitMessage(second, 1, Duration.ofSeconds(20)).getSubject()).startsWith("You are invited to");
    }

    private static Api.Tenant hostileTenant(String label) {
        String slug = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply r = Api.admin().post("/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + HOSTILE_NAME.replace("\"", "\\\"") + "\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new Api.Tenant(UUID.fromString(r.json().get("tenantId").asText()), slug, Api.withKey(r.json().get("apiKey").get("key").asText()));
    }
}
