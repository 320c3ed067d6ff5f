package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Steps of the console's administration pages that ConsoleBrowserIT's admin story takes, as a person would take them. */
final class AdminPages {

    private AdminPages() {
    }

    /** On People: {@code invitee} invited as an AUDITOR; shown in the list, and the invitation mail goes out. */
    static void invite(Browser browser, String invitee) throws InterruptedException {
        browser.driver.findElement(By.id("invite-email")).sendKeys(invitee);
        new Select(browser.driver.findElement(By.id("invite-role"))).selectByValue("AUDITOR");
        browser.driver.findElement(By.cssSelector("#invite button[type=submit]")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), invitee));
        assertThat(TestMailServer.awaitMessage(invitee, 1, Duration.ofSeconds(30))).as("the invitation mail").isNotNull();
    }

    /** On API keys: an AUDITOR key "reporting", whose shown secret works as an AUDITOR and is never shown again. */
    static void createKeyShownOnce(Browser browser) {
        browser.driver.findElement(By.id("key-name")).sendKeys("reporting");
        new Select(browser.driver.findElement(By.id("key-role"))).selectByValue("AUDITOR");
        browser.driver.findElement(By.cssSelector("#create-key button[type=submit]")).click();
        String secret = browser.await(By.id("new-key-secret")).getText();
        assertThat(secret).startsWith("cus_");
        assertThat(Api.withKey(secret).get("/audit/verify").status()).as("the shown secret works, as an AUDITOR").isEqualTo(200);
        assertThat(Api.withKey(secret).post("/purposes", "{\"key\":\"x\",\"name\":\"X\"}").status()).isEqualTo(403);
        browser.assertAccessible("API keys");
        browser.driver.navigate().refresh();
        browser.awaitPage("API keys");
        assertThat(browser.driver.getPageSource()).as("never shown again").doesNotContain(secret).contains("reporting");
    }

    /** On Purposes and notices: a newsletter purpose and its notice in Hindi, version 1. */
    static void publishHindiNotice(Browser browser, Api api) {
        browser.driver.findElement(By.id("purpose-key")).sendKeys("newsletter");
        browser.driver.findElement(By.id("purpose-name")).sendKeys("Newsletter");
        browser.driver.findElement(By.cssSelector("#new-purpose button[type=submit]")).click();
        new Select(browser.await(By.id("lang-newsletter"))).selectByValue("hi");
        browser.driver.findElement(By.id("text-newsletter")).sendKeys("हम आपको समाचार भेजते हैं।");
        browser.driver.findElement(By.cssSelector("#text-newsletter")).submit();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "current notice version: 1"));
        assertThat(api.get("/purposes/newsletter/notices/1?lang=hi").json().get("text").asText()).isEqualTo("हम आपको समाचार भेजते हैं।");
    }

    /** On Settings: the rate limits in force shown; an ACCESS service level (warn 3 days, escalate 1 day) saved. */
    static void saveServiceLevel(Browser browser, Api api) {
        assertThat(browser.await(By.id("rate-limits")).getText()).containsPattern("Consent checks\\s+\\d+");
        browser.driver.findElement(By.name("type-0")).sendKeys("ACCESS");
        browser.driver.findElement(By.name("warn-0")).sendKeys("P3D");
        browser.driver.findElement(By.name("esc-0")).sendKeys("P1D");
        browser.driver.findElement(By.cssSelector("#sla button[type=submit]")).click();
        try {
            new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> api.get("/settings/sla").raw().body().contains("PT72H")); // three days, as stored
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("service levels not saved; the page says: " + browser.driver.findElement(By.tagName("main")).getText()
                    + "; console: " + browser.console(), e);
        }
        browser.awaitPage("Settings");
    }

    /** On Webhooks, as IT: a hook for consent events is refused (IT may not see consent content); nothing is written. */
    static void consentHookRefused(Browser browser, WebhookReceiver receiver, Api api) {
        browser.driver.findElement(By.id("hook-url")).sendKeys(receiver.url("/hook"));
        browser.driver.findElement(By.id("type-consent.*")).click();
        browser.driver.findElement(By.cssSelector("#new-webhook button[type=submit]")).click();
        assertThat(browser.await(By.cssSelector("[role=alert]")).getText())
                .as("IT sees no consent content, so may not route it anywhere").contains("consent:view");
        assertThat(api.get("/webhooks").json()).as("nothing written").isEmpty();
    }

    /** On Webhooks: the secret rotated and shown once; a test event signed with it arrives. */
    static void rotateSecretAndPing(Browser browser, WebhookReceiver receiver) throws InterruptedException {
        browser.driver.findElement(By.xpath("//button[normalize-space()='Rotate secret (old one signs 24 more hours)']")).click();
        String secret = browser.await(By.id("webhook-secret-value")).getText();
        assertThat(secret).startsWith("whsec_");
        browser.driver.findElement(By.xpath("//button[normalize-space()='Send a test event']")).click();
        List<WebhookReceiver.Received> got = receiver.await(1, Duration.ofSeconds(30));
        assertThat(got.get(0).body()).contains("webhook.ping");
        WebhookReceiver.Received ping = got.get(0);
        assertThat(ping.headers().get("webhook-signature")).as("signed with the secret the page showed").contains("v1,"
                + DsarConnectorIT.hmac(secret, ping.headers().get("webhook-id") + "." + ping.headers().get("webhook-timestamp") + "." + ping.body()));
    }
}
