package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.custodia.identity.domain.TotpCodes;
import org.custodia.reports.testing.Pdfsig;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

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
        String dsarId = requestInReview(t);

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
            assertThat(browser.driver.findElement(By.id("rule")).getText()).as("the legal rule, with its source")
                    .contains("GDPR Art. 12(3)").contains("once, 2 more months");
            assertThat(browser.driver.findElement(By.cssSelector(".timeline")).getText()).contains("dsar.received")
                    .contains("dsar.package.compiled");
            browser.assertAccessible("request");
            browser.photograph("request");
            browser.driver.findElement(By.id("d-APPROVE")).click();
            browser.driver.findElement(By.cssSelector("#decision button[type=submit]")).click();

            new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                    .until(ExpectedConditions.textToBe(By.id("status"), "Closed"));
            assertThat(browser.driver.findElement(By.id("progress")).getText()).contains("closed");
            browser.driver.navigate().refresh();
            browser.awaitPage("Request " + dsarId.substring(0, 8));
            assertThat(browser.await(By.cssSelector(".timeline")).getText()).as("the review task's events in the request's timeline")
                    .contains("task.completed").contains("dsar.closed");

            browser.driver.findElement(By.linkText("Dashboard")).click();
            browser.awaitPage("Dashboard");
            assertThat(browser.driver.findElement(By.id("on-time")).getText()).as("this month's answer, on time")
                    .contains("100 % (1 of 1)");
            assertThat(browser.driver.findElements(By.cssSelector("#days-left .chart-value")))
                    .extracting(org.openqa.selenium.WebElement::getText).as("each bar says its number").hasSize(5).allMatch(v -> v.matches("\\d+"));
            browser.assertAccessible("dashboard");
            browser.photograph("dashboard");
        }
        assertThat(t.api().get("/dsars/" + dsarId).json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(t.api().get("/audit/events?limit=1000").raw().body()).as("the decision is the reviewer's, audited")
                .contains("task.completed").contains(dpo.userId());
    }

    @Test
    void anAuditorVerifiesTheChainDownloadsASignedPdfThatPdfsigValidatesAndSeesNoWriteControl() throws Exception {
        Api.Tenant t = Api.newTenant("console-audit");
        Accounts.Account auditor = Accounts.invited(t, "AUDITOR");
        String dsarId = requestInReview(t);
        Path downloads = Files.createTempDirectory("custodia-downloads");
        try (Browser browser = new Browser(downloads)) {
            browser.signIn(auditor, "Audit trail"); // an auditor starts on the trail
            assertThat(browser.driver.findElements(By.linkText("Inbox"))).allMatch(l -> !l.isDisplayed());
            browser.assertAccessible("audit");
            browser.photograph("audit");
            browser.driver.findElement(By.id("verify-chain")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-result"), "Intact"));
            assertThat(browser.driver.findElement(By.id("chain-result")).getText()).contains("events");

            browser.driver.findElement(By.cssSelector("#export button[value=pdf]")).click();
            byte[] pdf = Files.readAllBytes(Browser.awaitDownload(downloads, ".pdf"));
            assertThat(Pdfsig.report(pdf)).contains("Signature Validation: Signature is Valid.", "Total document signed");

            browser.open("/console/dsars/" + dsarId);
            browser.awaitPage("Request " + dsarId.substring(0, 8));
            assertThat(browser.driver.findElements(By.cssSelector("main form, main textarea, main input[type=radio], main button")))
                    .as("nothing on the request's page lets an auditor change it").isEmpty();
            browser.assertAccessible("request as auditor");
        }
    }

    @Test
    void aFormForgedOnAnotherOriginIsRefusedWith403AndChangesNothing() throws Exception {
        Api.Tenant t = Api.newTenant("console-csrf");
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");
        String dsarId = requestInReview(t);
        Api session = Api.withSession(Api.sessionFrom(dpo.signIn("")));
        String taskId = null;
        for (JsonNode task : session.get("/tasks?process=dsar").json()) {
            if (task.get("businessKey").asText().equals(dsarId)) {
                taskId = task.get("id").asText();
            }
        }
        assertThat(taskId).isNotNull();
        String target = ItEnvironment.apiBase() + "/tasks/" + taskId + "/claim";
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        evil.createContext("/", exchange -> {
            byte[] page = ("<!doctype html><title>Win a prize</title><form method=post action='" + target + "'>"
                    + "<input name=x value=1></form><script>document.forms[0].submit()</script>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        evil.start();
        try (Browser browser = new Browser()) {
            browser.signIn(dpo, "Inbox"); // the reviewer's session cookie is in this browser
            browser.driver.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
            new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(target));
            assertThat(browser.driver.getPageSource()).contains("403").contains("only from this site");
        } finally {
            evil.stop(0);
        }
        assertThat(session.get("/tasks/" + taskId).json().get("assignee").isNull()).as("the forged claim changed nothing").isTrue();
        assertThat(t.api().get("/audit/events?limit=1000").raw().body()).doesNotContain("task.claimed");
    }

    @Test
    void anAdminInvitesSomeoneCreatesAKeyWhoseSecretIsShownOnceAndReadsThePermissionMatrix() throws Exception {
        Api.Tenant t = Api.newTenant("console-admin");
        Accounts.Account admin = Accounts.invited(t, "ADMIN");
        String invitee = Accounts.uniqueEmail("invitee");
        try (Browser browser = new Browser()) {
            browser.signIn(admin, "Inbox");
            browser.driver.findElement(By.linkText("Administration")).click();
            browser.awaitPage("People");
            browser.driver.findElement(By.id("invite-email")).sendKeys(invitee);
            new Select(browser.driver.findElement(By.id("invite-role"))).selectByValue("AUDITOR");
            browser.driver.findElement(By.cssSelector("#invite button[type=submit]")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), invitee));
            assertThat(TestMailServer.awaitMessage(invitee, 1, Duration.ofSeconds(30))).as("the invitation mail").isNotNull();
            browser.assertAccessible("people");
            browser.photograph("admin-people");

            browser.driver.findElement(By.linkText("API keys")).click();
            browser.awaitPage("API keys");
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

            browser.driver.findElement(By.linkText("Roles")).click();
            browser.awaitPage("Roles");
            assertThat(browser.driver.findElement(By.cssSelector("table.matrix")).getText()).contains("consent:banner").contains("audit:verify");
            browser.assertAccessible("roles");
            browser.photograph("admin-roles");

            browser.driver.findElement(By.linkText("Purposes and notices")).click();
            browser.awaitPage("Purposes and notices");
            browser.driver.findElement(By.id("purpose-key")).sendKeys("newsletter");
            browser.driver.findElement(By.id("purpose-name")).sendKeys("Newsletter");
            browser.driver.findElement(By.cssSelector("#new-purpose button[type=submit]")).click();
            new Select(browser.await(By.id("lang-newsletter"))).selectByValue("hi");
            browser.driver.findElement(By.id("text-newsletter")).sendKeys("हम आपको समाचार भेजते हैं।");
            browser.driver.findElement(By.cssSelector("#text-newsletter")).submit();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "current notice version: 1"));
            assertThat(t.api().get("/purposes/newsletter/notices/1?lang=hi").json().get("text").asText()).isEqualTo("हम आपको समाचार भेजते हैं।");
            browser.assertAccessible("purposes and notices");

            browser.driver.findElement(By.linkText("Settings")).click();
            browser.awaitPage("Settings");
            assertThat(browser.await(By.id("rate-limits")).getText()).containsPattern("Consent checks\\s+\\d+");
            browser.driver.findElement(By.name("type-0")).sendKeys("ACCESS");
            browser.driver.findElement(By.name("warn-0")).sendKeys("P3D");
            browser.driver.findElement(By.name("esc-0")).sendKeys("P1D");
            browser.driver.findElement(By.cssSelector("#sla button[type=submit]")).click();
            try {
                new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> t.api().get("/settings/sla").raw().body().contains("PT72H")); // three days, as stored
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("service levels not saved; the page says: " + browser.driver.findElement(By.tagName("main")).getText()
                        + "; console: " + browser.console(), e);
            }
            browser.awaitPage("Settings");
            browser.assertAccessible("settings");
            browser.photograph("admin-settings");
        }
    }

    @Test
    void anItUserAddsAWebhookSeesItsSecretOnceSendsATestEventAndReadsItsDeliveries() throws Exception {
        Api.Tenant t = Api.newTenant("console-hooks");
        Accounts.Account it = Accounts.invited(t, "IT");
        try (Browser browser = new Browser(); WebhookReceiver receiver = new WebhookReceiver()) {
            browser.signIn(it, "People"); // IT has no inbox: it starts in administration
            browser.driver.findElement(By.linkText("Webhooks")).click();
            browser.awaitPage("Webhooks");
            browser.driver.findElement(By.id("hook-url")).sendKeys(receiver.url("/hook"));
            browser.driver.findElement(By.id("type-consent.*")).click();
            browser.driver.findElement(By.cssSelector("#new-webhook button[type=submit]")).click();
            assertThat(browser.await(By.cssSelector("[role=alert]")).getText())
                    .as("IT sees no consent content, so may not route it anywhere").contains("consent:view");
            assertThat(t.api().get("/webhooks").json()).as("nothing written").isEmpty();
            // IT may manage what an admin subscribed to (and check the endpoint with a test event)
            assertThat(t.api().post("/webhooks", "{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"dsar.closed\"]}").status())
                    .as("the tenant's admin key may").isEqualTo(201);
            browser.driver.navigate().refresh();
            browser.awaitPage("Webhooks");
            assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains(receiver.url("/hook")).contains("dsar.closed")
                    .doesNotContain("whsec_");
            browser.driver.findElement(By.xpath("//button[normalize-space()='Rotate secret (old one signs 24 more hours)']")).click();
            String secret = browser.await(By.id("webhook-secret-value")).getText();
            assertThat(secret).startsWith("whsec_");
            browser.driver.findElement(By.xpath("//button[normalize-space()='Send a test event']")).click();
            List<WebhookReceiver.Received> got = receiver.await(1, Duration.ofSeconds(30));
            assertThat(got.get(0).body()).contains("webhook.ping");
            WebhookReceiver.Received ping = got.get(0);
            assertThat(ping.headers().get("webhook-signature")).as("signed with the secret the page showed").contains("v1,"
                    + DsarConnectorIT.hmac(secret, ping.headers().get("webhook-id") + "." + ping.headers().get("webhook-timestamp") + "." + ping.body()));
            browser.driver.navigate().refresh();
            browser.awaitPage("Webhooks");
            browser.driver.findElement(By.xpath("//summary[normalize-space()='Deliveries']")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("details"), "Delivered"));
            browser.assertAccessible("webhooks");
            browser.photograph("admin-webhooks");
            browser.driver.findElement(By.xpath("//button[normalize-space()='Disable']")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Disabled"));
            assertThat(t.api().get("/webhooks").json().get(0).get("status").asText()).isEqualTo("DISABLED");
        }
    }

    @Test
    void aPersonSetsUpAnAuthenticatorAndThenSignsInWithItsCode() throws Exception {
        Api.Tenant t = Api.newTenant("console-mfa");
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");
        try (Browser browser = new Browser()) {
            browser.signIn(dpo, "Inbox");
            browser.driver.findElement(By.linkText("Account (APPROVER)")).click();
            browser.awaitPage("Your account");
            browser.driver.findElement(By.id("mfa-start")).click();
            String secret = browser.await(By.id("mfa-secret")).getText().replace(" ", "");
            assertThat(browser.driver.findElement(By.id("mfa-qr")).getSize().getWidth()).as("a QR code to scan").isGreaterThan(100);
            long step = TotpCodes.stepAt(Instant.now().getEpochSecond());
            browser.driver.findElement(By.id("mfa-code")).sendKeys(TotpCodes.codeAt(secret, step));
            browser.driver.findElement(By.cssSelector("#mfa-confirm button[type=submit]")).click();
            assertThat(browser.await(By.id("recovery-codes")).findElements(By.tagName("li"))).isNotEmpty();
            browser.assertAccessible("account");
            browser.photograph("account");

            browser.driver.findElement(By.xpath("//button[text()='Sign out']")).click();
            browser.awaitPage("Sign in");
            browser.driver.findElement(By.id("tenant")).sendKeys(t.slug());
            browser.driver.findElement(By.id("email")).sendKeys(dpo.email());
            browser.driver.findElement(By.id("password")).sendKeys(dpo.password());
            browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.await(By.id("totp")).sendKeys(TotpCodes.codeAt(secret, step + 1));
            browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.awaitPage("Inbox");
            browser.driver.findElement(By.linkText("Account (APPROVER)")).click();
            browser.awaitPage("Your account");
            assertThat(browser.await(By.id("mfa-on")).getText()).contains("set up");
            assertThat(browser.driver.findElements(By.id("mfa-start"))).as("no second set-up offered").isEmpty();
        }
    }

    @Test
    void aDpoKeepsTheRegisterCompletesAnEntryComparesItsVersionsAndAnAuditorReadsItWithoutWriteControls() throws Exception {
        Api.Tenant t = Api.newTenant("console-ropa");
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");
        Accounts.Account auditor = Accounts.invited(t, "AUDITOR");
        String entryId;
        try (Browser browser = new Browser()) {
            browser.signIn(dpo, "Inbox");
            browser.driver.findElement(By.linkText("Register")).click();
            browser.awaitPage("Record of processing activities");
            RegisterPages.addSystem(browser, "HR system", "de"); // an entry picks its systems from the organisation's
            assertThat(browser.driver.findElement(By.id("systems")).getText()).contains("HR system").contains("DE");
            browser.assertAccessible("systems");

            browser.driver.findElement(By.linkText("Back to the register")).click();
            browser.awaitPage("Record of processing activities");
            browser.driver.findElement(By.id("new-entry")).click();
            browser.awaitPage("New register entry");
            RegisterPages.fillPayrollWithoutSecurityMeasures(browser, "PA 001");
            browser.assertAccessible("new register entry");
            browser.driver.findElement(By.cssSelector("#ropa-form button[type=submit]")).click();
            // the API refuses the reference: the alert says so, and so does the input (to a screen reader too)
            assertThat(browser.await(By.cssSelector("[role=alert]")).getText()).contains("reference: must be 1 to 64 letters");
            WebElement reference = browser.labelled("ropa-form", "Reference");
            assertThat(reference.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.describedBy(reference)).contains("must be 1 to 64 letters");
            assertThat(t.api().get("/ropa/activities").json()).as("nothing saved").isEmpty();
            reference.clear(); // and the entry is saved once the reference is right
            reference.sendKeys("PA-001");
            browser.driver.findElement(By.cssSelector("#ropa-form button[type=submit]")).click();

            browser.awaitPage("PA-001: Payroll");
            entryId = browser.driver.getCurrentUrl().replaceAll(".*/console/ropa/activities/", "");
            assertThat(browser.driver.findElement(By.id("entry-version")).getText()).startsWith("1;");
            assertThat(browser.driver.findElements(By.cssSelector("#missing li"))).extracting(WebElement::getText).as("only (g) is missing")
                    .containsExactly("securityMeasures — Art. 30(1)(g), Art. 32(1): describe the technical and organisational security measures.");
            assertThat(browser.driver.findElement(By.xpath("//section[h2='(b) Purposes']")).getText()).contains("paying salaries — Contract");
            browser.assertAccessible("register entry");
            browser.photograph("ropa-entry");

            browser.driver.findElement(By.id("edit-entry")).click();
            browser.awaitPage("Change PA-001");
            WebElement security = browser.labelled("ropa-form", "Technical and organisational security measures (Art. 32(1))");
            assertThat(browser.describedBy(security)).as("the gap, next to the field that fills it").contains("Art. 30(1)(g)");
            security.sendKeys("encryption at rest, role-based access");
            browser.driver.findElement(By.cssSelector("#ropa-form button[type=submit]")).click();
            browser.awaitPage("PA-001: Payroll");
            assertThat(browser.driver.findElement(By.cssSelector("main [role=status]")).getText()).isEqualTo("Saved as version 2.");
            assertThat(browser.driver.findElement(By.id("entry-version")).getText()).startsWith("2;");
            assertThat(browser.driver.findElement(By.id("missing")).getText()).contains("Nothing is missing");
            assertThat(browser.driver.findElements(By.cssSelector("#versions tbody tr"))).hasSize(2);
            browser.driver.findElement(By.cssSelector("#compare button[type=submit]")).click(); // 1 → 2, the latest two, by default
            assertThat(browser.await(By.cssSelector("#diff caption")).getText()).isEqualTo("Changes from version 1 to version 2");
            assertThat(browser.driver.findElements(By.cssSelector("#diff tbody tr"))).extracting(WebElement::getText).as("path, before, after")
                    .containsExactly("record.securityMeasures — encryption at rest, role-based access");
            browser.assertAccessible("register entry with a diff");

            browser.driver.findElement(By.id("submit-entry")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("entry-status"), "In review"));
            assertThat(browser.driver.findElements(By.id("edit-entry"))).as("frozen while the DPO reviews it").isEmpty();
            assertThat(t.api().get("/ropa/activities/" + entryId).json().get("activity").get("status").asText()).isEqualTo("IN_REVIEW");

            RegisterPages.approveFromInbox(browser, entryId); // the APPROVERs' task links to the entry, decided there
            assertThat(t.api().get("/ropa/activities/" + entryId).json().get("activity").get("approvedVersion").asInt()).isEqualTo(2);

            browser.driver.findElement(By.linkText("Register")).click();
            browser.awaitPage("Record of processing activities");
            String header = String.join(",", org.custodia.ropa.domain.RegisterSheet.header().subList(0, 24)) + "\r\n";
            assertThat(RegisterPages.importCsv(browser, header + "PA-002,Invoicing,BOSS" + ",".repeat(21) + "\r\n"))
                    .as("every problem with its line, nothing imported").startsWith("Nothing was imported.").contains("line 2, role: ");
            assertThat(t.api().get("/ropa/activities").json()).hasSize(1);
            assertThat(RegisterPages.importCsv(browser, header + "PA-002,Invoicing,CONTROLLER" + ",".repeat(21) + "\r\n"))
                    .isEqualTo("Imported 1 row: 1 created, 0 changed, 0 unchanged.");
            assertThat(browser.driver.findElement(By.id("register")).getText()).as("the list, read again").contains("PA-002");
        }
        try (Browser browser = new Browser()) {
            browser.signIn(auditor, "Audit trail");
            RegisterPages.readWithoutWriteControls(browser, entryId); // the list, the entry (as mails link it), the systems
        }
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

    /** A staff-submitted request with its identity attested: it reaches the review in seconds. */
    private static String requestInReview(Api.Tenant t) throws InterruptedException {
        Api.Reply submitted = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\","
                + "\"subject\":\"console-1\"}");
        assertThat(submitted.status()).as(submitted.raw().body()).isEqualTo(201);
        String dsarId = submitted.json().get("id").asText();
        awaitStatus(t.api(), dsarId, "IN_REVIEW");
        return dsarId;
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
