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
            AdminPages.invite(browser, invitee); // and the invitation mail goes out
            browser.assertAccessible("people");
            browser.photograph("admin-people");

            browser.driver.findElement(By.linkText("API keys")).click();
            browser.awaitPage("API keys");
            AdminPages.createKeyShownOnce(browser); // an AUDITOR key whose secret works and is never shown again

            browser.driver.findElement(By.linkText("Roles")).click();
            browser.awaitPage("Roles");
            assertThat(browser.driver.findElement(By.cssSelector("table.matrix")).getText()).contains("consent:banner").contains("audit:verify");
            browser.assertAccessible("roles");
            browser.photograph("admin-roles");

            browser.driver.findElement(By.linkText("Purposes and notices")).click();
            browser.awaitPage("Purposes and notices");
            AdminPages.publishHindiNotice(browser, t.api());
            browser.assertAccessible("purposes and notices");

            browser.driver.findElement(By.linkText("Settings")).click();
            browser.awaitPage("Settings");
            AdminPages.saveServiceLevel(browser, t.api()); // the rate limits in force are shown too
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
            AdminPages.consentHookRefused(browser, receiver, t.api()); // IT sees no consent content, so may not route it
            // IT may manage what an admin subscribed to (and check the endpoint with a test event)
            assertThat(t.api().post("/webhooks", "{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"dsar.closed\"]}").status())
                    .as("the tenant's admin key may").isEqualTo(201);
            browser.driver.navigate().refresh();
            browser.awaitPage("Webhooks");
            assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains(receiver.url("/hook")).contains("dsar.closed")
                    .doesNotContain("whsec_");
            AdminPages.rotateSecretAndPing(browser, receiver); // the test event is signed with the secret the page showed
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

            browser.signOut();
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
            RegisterPages.addRetentionPolicy(browser); // a data category's time limit can name one
            browser.driver.findElement(By.id("new-entry")).click();
            browser.awaitPage("New register entry");
            RegisterPages.fillPayrollWithoutSecurityMeasures(browser, "PA 001");
            browser.assertAccessible("new register entry");
            entryId = RegisterPages.saveOnceTheReferenceIsRight(browser, t.api()); // refused first, with the problem at its input
            assertThat(browser.driver.findElement(By.id("entry-version")).getText()).startsWith("1;");
            assertThat(browser.driver.findElements(By.cssSelector("#missing li"))).extracting(WebElement::getText).as("only (g) is missing")
                    .containsExactly("securityMeasures — Art. 30(1)(g), Art. 32(1): describe the technical and organisational security measures.");
            assertThat(browser.driver.findElement(By.xpath("//section[h2='(b) Purposes']")).getText()).contains("paying salaries — Contract");
            browser.assertAccessible("register entry");
            browser.photograph("ropa-entry");

            RegisterPages.completeAndCompareVersions(browser); // the gap filled makes version 2, compared with 1

            browser.driver.findElement(By.id("submit-entry")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("entry-status"), "In review"));
            assertThat(browser.driver.findElements(By.id("edit-entry"))).as("frozen while the DPO reviews it").isEmpty();
            assertThat(t.api().get("/ropa/activities/" + entryId).json().get("activity").get("status").asText()).isEqualTo("IN_REVIEW");

            RegisterPages.approveFromInbox(browser, entryId); // the APPROVERs' task links to the entry, decided there
            assertThat(t.api().get("/ropa/activities/" + entryId).json().get("activity").get("approvedVersion").asInt()).isEqualTo(2);

            browser.driver.findElement(By.linkText("Register")).click();
            browser.awaitPage("Record of processing activities");
            RegisterPages.importRefusedThenImported(browser, t.api()); // every problem with its line first, then PA-002
        }
        try (Browser browser = new Browser()) {
            browser.signIn(auditor, "Audit trail");
            RegisterPages.readWithoutWriteControls(browser, entryId); // the list, the entry (as mails link it), the systems
        }
    }

    @Test
    void aManagerRatesTwoRisksFindsOneThroughTheHeatMapAndPlansItsTreatment() throws Exception {
        Api.Tenant t = Api.newTenant("console-risks");
        Accounts.Account manager = Accounts.invited(t, "MANAGER");
        try (Browser browser = new Browser()) {
            browser.signIn(manager, "Inbox");
            browser.driver.findElement(By.linkText("Risks")).click();
            browser.awaitPage("Risk register");
            RiskPages.addRisk(browser, "R-1", "Payroll data leaks", 4, 5);
            RiskPages.addRisk(browser, "R-2", "Addresses go stale", 2, 2);
            assertThat(RiskPages.heard(browser, 4, 5)).isEqualTo("Likelihood 4, impact 5: 1 risk (high)");
            assertThat(RiskPages.heard(browser, 2, 2)).isEqualTo("Likelihood 2, impact 2: 1 risk (low)");
            assertThat(RiskPages.cell(browser, 4, 5).findElement(By.className("band-name")).getText()).as("not by colour alone").isEqualTo("high");
            assertThat(browser.driver.findElement(By.id("band-totals")).getText()).contains("low 1–4: 1 risk", "high 12–25: 1 risk", "Total: 2 risks");
            assertThat(RiskPages.drillDown(browser, 4, 5)).contains("R-1").doesNotContain("R-2");
            browser.assertAccessible("heat map and risks");
            browser.photograph("risks");
            RiskPages.showAll(browser);
            assertThat(RiskPages.refusedBands(browser, t.api())).contains("score 12 falls in no band");

            browser.driver.findElement(By.linkText("R-1")).click();
            browser.awaitPage("R-1: Payroll data leaks");
            assertThat(RiskPages.addTreatment(browser, "encrypt the payroll exports", "2020-01-31"))
                    .contains("Mitigate", "encrypt the payroll exports", "Overdue: 31 Jan 2020", "Planned");
            browser.assertAccessible("risk");
            browser.photograph("risk");
        }
        assertThat(t.api().get("/risks?likelihood=4&impact=5").json().get(0).get("reference").asText()).isEqualTo("R-1");
    }

    @Test
    void anApproverAssessesAnActivityARiskFoundCallsForPriorConsultationTheDpoSignsItOffAndAnAuditorReadsIt() throws Exception {
        Api.Tenant t = Api.newTenant("console-dpia");
        ProcessingRegisterIT.systems(t.api());
        Api.Reply entry = t.api().post("/ropa/activities", ProcessingRegisterIT.payroll("PA-1", true, ""));
        assertThat(entry.status()).as(entry.raw().body()).isEqualTo(201);
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");
        Accounts.Account auditor = Accounts.invited(t, "AUDITOR");
        String dpiaId;
        try (Browser browser = new Browser()) {
            browser.signIn(dpo, "Inbox");
            assertThat(DpiaPages.create(browser, "PA-1: Payroll")).contains("Screening: Required, because WP248 rev.01 III.B.a: 2 criteria met");
            dpiaId = browser.driver.getCurrentUrl().replaceAll(".*/console/dpias/", "");
            assertThat(DpiaPages.submitUnanswered(browser)).as("each open question by its text")
                    .contains(org.custodia.dpia.domain.DpiaTemplate.DEFAULT.questions().get(1).text() + ": is required before the DPO's review");
            DpiaPages.answer(browser);
            // a risk the assessment finds is part of it (dpia:update): the DPO writes it to the risk register from here
            DpiaPages.addRiskFound(browser, dpiaId, "R-9", "Special-category data exposed", 5, 5);
            assertThat(browser.await(By.id("prior-consultation")).getText()).contains("GDPR Art. 36(1)").contains("R-9 (not yet treated)");
            browser.assertAccessible("DPIA with a risk found");
            browser.photograph("dpia");
            DpiaPages.submitAndApproveFromInbox(browser, dpiaId, "Proceed; encrypt the exports."); // the task links to the DPIA
            assertThat(browser.driver.findElement(By.id("dpo-opinion")).getText()).isEqualTo("Proceed; encrypt the exports.");
            browser.assertAccessible("signed-off DPIA");
            DpiaPages.moveTheReviewDate(browser, "2031-01-31");
        }
        assertThat(t.api().get("/dpias/" + dpiaId).json().get("dpia").get("reviewDue").asText()).isEqualTo("2031-01-31");
        assertThat(t.api().get("/dpias/" + dpiaId).json().get("dpo").get("opinion").asText()).isEqualTo("Proceed; encrypt the exports.");
        try (Browser browser = new Browser()) {
            browser.signIn(auditor, "Audit trail");
            DpiaPages.readWithoutWriteControls(browser, dpiaId);
            RiskPages.readWithoutWriteControls(browser, "R-9", "Special-category data exposed");
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
        String dsarId = DsarConnectorIT.submit(t, "console-1");
        DsarConnectorIT.awaitRequest(t, dsarId, "IN_REVIEW");
        return dsarId;
    }
}
