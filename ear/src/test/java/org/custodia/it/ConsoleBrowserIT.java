package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console in a real browser, as its people use it. */
@ExtendWith(ArquillianExtension.class)
class ConsoleBrowserIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void aReviewerSignsInOpensTheInboxApprovesARequestAndSeesItClosed() throws Exception {
        Api.Tenant t = Api.newTenant("console");
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");
        Api.Reply submitted = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\","
                + "\"subject\":\"console-1\"}");
        assertThat(submitted.status()).as(submitted.raw().body()).isEqualTo(201);
        String dsarId = submitted.json().get("id").asText();
        awaitStatus(t.api(), dsarId, "IN_REVIEW");

        try (Browser browser = new Browser()) {
            browser.open("/console/inbox"); // not signed in: the sign-in page, which comes back here after
            browser.awaitPage("Sign in");
            browser.assertAccessible("sign-in");
            browser.photograph("sign-in");
            browser.driver.findElement(By.id("tenant")).sendKeys(t.slug());
            browser.driver.findElement(By.id("email")).sendKeys(dpo.email());
            browser.driver.findElement(By.id("password")).sendKeys(dpo.password());
            browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();

            browser.awaitPage("Inbox");
            browser.await(By.cssSelector("a[href='/console/dsars/" + dsarId + "']"));
            browser.assertAccessible("inbox");
            browser.photograph("inbox");
            browser.driver.findElement(By.cssSelector("a[href='/console/dsars/" + dsarId + "']")).click();

            browser.awaitPage("Request " + dsarId.substring(0, 8));
            assertThat(browser.driver.findElement(By.id("status")).getText()).isEqualTo("In review");
            browser.assertAccessible("request");
            browser.photograph("request");
            browser.driver.findElement(By.id("d-APPROVE")).click();
            browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();

            new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                    .until(ExpectedConditions.textToBe(By.id("status"), "Closed"));
            assertThat(browser.driver.findElement(By.id("progress")).getText()).contains("closed");
        }
        assertThat(t.api().get("/dsars/" + dsarId).json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(t.api().get("/audit/events?limit=1000").raw().body()).as("the decision is the reviewer's, audited")
                .contains("task.completed").contains(dpo.userId());
    }

    @Test
    void aConsoleAddressAnswersWithThePageAndItsPolicyAllowsOnlyThisSitesScripts() throws Exception {
        String base = ItEnvironment.apiBase().replace("/api/v1", "");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/console/dsars/" + UUID.randomUUID())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<main id=\"main\"").contains("/assets/console/app.js");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe");
        HttpResponse<String> hidden = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/WEB-INF/pages/console.html")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hidden.statusCode()).isEqualTo(404);
    }

    private static void awaitStatus(Api api, String dsarId, String status) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            if (status.equals(api.get("/dsars/" + dsarId).json().get("status").asText())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("DSAR " + dsarId + " never reached " + status);
    }
}
