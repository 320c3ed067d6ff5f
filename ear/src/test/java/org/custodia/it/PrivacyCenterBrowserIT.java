package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

/** The privacy center in a real browser, as a data subject uses it. */
@ExtendWith(ArquillianExtension.class)
class PrivacyCenterBrowserIT {

    private static final Pattern CONFIRM_LINK = Pattern.compile("(http\\S+/public/dsars/confirm\\?token=dsv_[A-Za-z0-9_-]{43})");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void aDataSubjectFilesARequestInHindiAndConfirmsItFromTheMailedLink() throws Exception {
        Api.Tenant t = Api.newTenant("privacy");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Asia/Kolkata\",\"publishedResponseDays\":30}").status())
                .isEqualTo(200);
        String email = "subject-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String reference;
        try (Browser browser = new Browser()) {
            browser.open("/privacy/" + t.slug() + "?lang=hi");
            browser.awaitPage("अपने डेटा के बारे में अनुरोध करें");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("hi");
            assertThat(browser.driver.findElement(By.cssSelector("label[for=type]")).getText()).isEqualTo("आप क्या चाहते हैं?");
            browser.assertAccessible("privacy center in Hindi");
            browser.photograph("privacy-center-hi");

            new Select(browser.driver.findElement(By.id("type"))).selectByValue("ACCESS");
            new Select(browser.driver.findElement(By.id("jurisdiction"))).selectByValue("IN_DPDPA");
            browser.driver.findElement(By.id("email")).sendKeys(email);
            browser.driver.findElement(By.id("name")).sendKeys("अनन्या शर्मा");
            browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();

            browser.awaitPage("अपना ईमेल देखें");
            Matcher ref = Pattern.compile("संदर्भ ([0-9a-f-]{36})").matcher(browser.driver.findElement(By.id("sent")).getText());
            assertThat(ref.find()).isTrue();
            reference = ref.group(1);
            browser.assertAccessible("privacy center, request sent");

            MimeMessage mail = TestMailServer.awaitMessage(email, 1, Duration.ofSeconds(60));
            Matcher link = CONFIRM_LINK.matcher(TestMailServer.text(mail));
            assertThat(link.find()).as("a confirmation link in: %s", TestMailServer.text(mail)).isTrue();
            browser.driver.get(link.group(1));
            browser.awaitPage("Confirm your request");
            browser.assertAccessible("confirmation page");
            browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.awaitPage("Request confirmed");
        }
        JsonNode dsar = awaitConfirmed(t.api(), reference);
        assertThat(dsar.get("jurisdiction").asText()).isEqualTo("IN_DPDPA");
        assertThat(dsar.get("type").asText()).isEqualTo("ACCESS");
        assertThat(dsar.get("identityConfirmedAt").isNull()).isFalse();
        assertThat(dsar.toString()).as("nothing personal in the request's view").doesNotContain(email).doesNotContain("अनन्या");
    }

    private static JsonNode awaitConfirmed(Api api, String id) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            JsonNode dsar = api.get("/dsars/" + id).json();
            if (!dsar.get("identityConfirmedAt").isNull() && !"AWAITING_IDENTITY".equals(dsar.get("status").asText())) {
                return dsar;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("DSAR " + id + " was never confirmed");
    }
}
