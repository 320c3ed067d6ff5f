package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/** The privacy center in a real browser, as a data subject uses it. */
@ExtendWith(ArquillianExtension.class)
class PrivacyCenterBrowserIT {

    private static final Pattern STATUS_LINK = Pattern.compile("(http\\S+/privacy/[a-z0-9-]+/status\\?lang=[a-z-]+#dss_[A-Za-z0-9_-]{43})");
    private static final Pattern DOWNLOAD_LINK = Pattern.compile("(http\\S+/privacy/[a-z0-9-]+/download\\?lang=[a-z-]+#dsd_[A-Za-z0-9_-]{43})");
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
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");
        java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory("privacy-download");
        try (Browser browser = new Browser(downloads)) {
            browser.signIn(dpo, "Inbox"); // the organisation's DPO tries its own privacy center, signed in to the console
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

            // the acknowledgement links to the request's page, in Hindi, due date in the organisation's zone
            MimeMessage acknowledgement = TestMailServer.awaitMessage(email, 2, Duration.ofSeconds(60));
            Matcher status = STATUS_LINK.matcher(TestMailServer.text(acknowledgement));
            assertThat(status.find()).as("a status link in: %s", TestMailServer.text(acknowledgement)).isTrue();
            assertThat(status.group(1)).as("the subject's language rides along").contains("?lang=hi");
            browser.driver.get(status.group(1));
            WebElement state = browser.await(By.id("state"));
            assertThat(heading(browser)).isEqualTo(words(browser, "hi", "statusTitle")).isNotEqualTo(words(browser, "en", "statusTitle"));
            String shownState = state.getText();
            assertThat(shownState).as("the state in Hindi words").isNotBlank().doesNotContain("_")
                    .isIn(words(browser, "hi", "states.IN_PROGRESS"), words(browser, "hi", "states.IN_REVIEW"));
            assertThat(browser.driver.findElement(By.id("request-status")).getText()).contains(reference);
            assertThat(browser.driver.findElement(By.id("zone")).getText()).contains("Asia/Kolkata");
            java.time.ZonedDateTime due = java.time.Instant.parse(t.api().get("/dsars/" + reference).json().get("dueAt").asText())
                    .atZone(java.time.ZoneId.of("Asia/Kolkata"));
            assertThat(browser.driver.findElement(By.id("due")).getText()).as("the due date as the organisation's zone reads it")
                    .contains(String.valueOf(due.getYear())).contains(due.getDayOfMonth() + " ");
            browser.assertAccessible("request status in Hindi");
            browser.photograph("privacy-status-hi");

            // the DPO approves; the answer's link opens the download page in Hindi, and works once
            Api reviewer = Api.withKey(DsarEndToEndIT.key(t, "APPROVER"));
            String task = DsarEndToEndIT.awaitTask(reviewer, reference);
            assertThat(reviewer.post("/tasks/" + task + "/complete", "{\"decision\":\"APPROVE\"}").status()).isEqualTo(200);
            MimeMessage ready = TestMailServer.awaitMessage(email, 3, Duration.ofSeconds(60));
            Matcher download = DOWNLOAD_LINK.matcher(TestMailServer.text(ready));
            assertThat(download.find()).as("a download link in: %s", TestMailServer.text(ready)).isTrue();
            browser.driver.get(download.group(1));
            WebElement button = browser.await(By.id("download"));
            assertThat(heading(browser)).isEqualTo(words(browser, "hi", "downloadTitle"));
            browser.assertAccessible("download page in Hindi");
            browser.photograph("privacy-download-hi");
            button.click();
            assertThat(browser.await(By.id("downloaded")).getText()).isEqualTo(words(browser, "hi", "downloadDone"));
            java.nio.file.Path zip = Browser.awaitDownload(downloads, ".zip");
            try (java.util.zip.ZipFile archive = new java.util.zip.ZipFile(zip.toFile())) {
                assertThat(archive.stream().map(java.util.zip.ZipEntry::getName).toList())
                        .contains("response.json", "summary.pdf", "manifest.json");
            }
            browser.driver.navigate().refresh(); // the link works once
            browser.await(By.id("download")).click();
            assertThat(browser.await(By.cssSelector("#main [role=alert]")).getText()).isEqualTo(words(browser, "hi", "linkUsed"));
        }
        JsonNode dsar = awaitConfirmed(t.api(), reference);
        assertThat(dsar.get("jurisdiction").asText()).isEqualTo("IN_DPDPA");
        assertThat(dsar.get("type").asText()).isEqualTo("ACCESS");
        assertThat(dsar.get("identityConfirmedAt").isNull()).isFalse();
        assertThat(dsar.toString()).as("nothing personal in the request's view").doesNotContain(email).doesNotContain("अनन्या");
    }

    @Test
    void inUrduThePrivacyCenterReadsRightToLeft() throws Exception {
        Api.Tenant t = Api.newTenant("privacy-ur");
        try (Browser browser = new Browser()) {
            browser.open("/privacy/" + t.slug() + "?lang=ur");
            browser.awaitPage("اپنے ڈیٹا کے بارے میں درخواست دیں");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ur");
            assertThat(browser.driver.findElement(By.tagName("h1")).getRect().getX() + browser.driver.findElement(By.tagName("h1")).getRect().getWidth())
                    .as("text starts at the right").isGreaterThan(browser.driver.manage().window().getSize().getWidth() / 2);
            browser.assertAccessible("privacy center in Urdu");
            browser.photograph("privacy-center-ur");
        }
    }

    @Test
    void everyLanguageTheCenterOffersHasItsOwnWordsAndPassesAxe() throws Exception {
        Api.Tenant t = Api.newTenant("privacy-langs");
        try (Browser browser = new Browser()) {
            browser.open("/privacy/" + t.slug());
            browser.awaitPage("Make a request about your data");
            java.util.List<String> offered = new Select(browser.driver.findElement(By.id("lang"))).getOptions().stream()
                    .map(o -> o.getAttribute("value")).toList();
            assertThat(offered).as("English and the 20 notice languages").containsExactlyInAnyOrder("en", "hi", "bn", "mr", "te", "ta", "gu",
                    "kn", "ml", "ur", "or", "pa", "as", "de", "fr", "es", "it", "pt", "nl", "pl");
            for (String lang : offered) {
                browser.open("/privacy/" + t.slug() + "?lang=" + lang);
                new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                        .until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
                String heading = browser.await(By.tagName("h1")).getText();
                assertThat(heading).as(lang).isNotBlank();
                if (!lang.equals("en")) {
                    assertThat(heading).as("%s has its own words", lang).isNotEqualTo("Make a request about your data");
                }
                assertThat(browser.driver.findElements(By.cssSelector("#type option"))).as(lang).hasSize(10);
                String consents = browser.driver.findElement(By.cssSelector("nav a[href*='/consents']")).getText();
                if (!lang.equals("en")) {
                    assertThat(consents).as("%s names the consent page in its own words", lang).isNotBlank().isNotEqualTo("Your consents");
                }
                browser.assertAccessible("privacy center in " + lang);
            }
        }
    }

    @Test
    void theBannerOnASitesPageRecordsAGrantAndThenAWithdrawalWithAPublishableKey() throws Exception {
        Api.Tenant t = Api.newTenant("banner");
        assertThat(t.api().post("/purposes", "{\"key\":\"newsletter\",\"name\":\"Newsletter\",\"names\":{\"hi\":\"समाचार पत्र\"}}")
                .status()).isEqualTo(201);
        assertThat(t.api().post("/purposes/newsletter/notices", "{\"texts\":{\"en\":\"We email you product news once a month.\","
                + "\"hi\":\"हम आपको महीने में एक बार उत्पाद समाचार ईमेल करते हैं।\"}}").status()).isEqualTo(201);
        Api.Reply role = t.api().post("/roles", "{\"name\":\"banner\",\"description\":\"publishable: a visitor's choices only\","
                + "\"permissions\":[\"consent:banner\"]}");
        assertThat(role.status()).as(role.raw().body()).isEqualTo(201);
        Api.Reply issued = t.api().post("/api-keys", "{\"name\":\"website banner\",\"role\":\"banner\"}");
        assertThat(issued.status()).as(issued.raw().body()).isEqualTo(201);
        String publishable = issued.json().get("key").asText();
        Api banner = Api.withKey(publishable);
        // what everyone who reads the page's source can do with the key: nothing but a random visitor's choices
        assertThat(banner.post("/consents", "{\"subject\":\"alice\",\"purpose\":\"newsletter\",\"action\":\"grant\","
                + "\"email\":\"victim@example.org\",\"sendReceipt\":true}").status()).as("no mail, no address, no named person").isEqualTo(403);
        assertThat(banner.get("/consents/check?subject=alice&purpose=newsletter").status()).as("nor a named person's state").isEqualTo(403);
        assertThat(banner.get("/consents/banner?subject=alice&purpose=newsletter").status()).isEqualTo(422);
        assertThat(banner.get("/purposes").status()).isEqualTo(403);

        String base = ItEnvironment.apiBase().replace("/api/v1", "");
        String[] purposesOnPage = {"newsletter"};
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            byte[] page = ("<!doctype html><html lang=\"hi\"><head><meta charset=\"utf-8\"><title>एक दुकान</title></head><body>"
                    + "<main><h1>एक दुकान</h1><p>नमस्ते।</p></main>"
                    + "<script src=\"" + base + "/assets/banner/banner.js\" defer data-api=\"" + base + "/api/v1\" data-key=\""
                    + publishable + "\" data-purposes=\"" + purposesOnPage[0] + "\"></script></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
        try {
            String origin = "http://127.0.0.1:" + site.getAddress().getPort(); // not among the tenant's CORS origins
            String visitor;
            try (Browser browser = new Browser()) {
                browser.driver.get(origin + "/");
                browser.await(By.id("custodia-accept"));
                assertThat(browser.driver.findElement(By.id("custodia-banner")).getText())
                        .contains("समाचार पत्र").contains("हम आपको महीने में एक बार उत्पाद समाचार ईमेल करते हैं।");
                browser.assertAccessible("a site's page with the banner");
                browser.photograph("banner-hi");
                visitor = (String) ((JavascriptExecutor) browser.driver).executeScript("return localStorage.getItem('custodia.subject')");
                assertThat(visitor).matches("visitor-[0-9a-f-]{36}");
                browser.driver.findElement(By.id("custodia-accept")).click();
                browser.await(By.id("custodia-reopen"));
                assertThat(t.api().get("/consents/check?subject=" + visitor + "&purpose=newsletter").json().get("allowed").asBoolean()).isTrue();

                browser.driver.navigate().refresh(); // decided: the banner starts folded
                browser.await(By.id("custodia-reopen")).click();
                WebElement box = browser.await(By.id("custodia-newsletter"));
                assertThat(box.isSelected()).isTrue();
                box.click();
                browser.driver.findElement(By.id("custodia-save")).click();
                new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("custodia-status"), "सहेज"));
            }
            JsonNode check = t.api().get("/consents/check?subject=" + visitor + "&purpose=newsletter").json();
            assertThat(check.get("allowed").asBoolean()).isFalse();
            assertThat(check.get("reason").asText()).isEqualTo("WITHDRAWN");
            String history = t.api().get("/consents?subject=" + visitor).raw().body();
            assertThat(history).contains("GRANTED").contains("WITHDRAWN").contains("\"source\":\"web\"");

            // a browser with Global Privacy Control: the banner passes the signal on, and it is recorded as an opt-out
            assertThat(t.api().post("/purposes", "{\"key\":\"ad-sharing\",\"name\":\"Sharing with advertisers\",\"honoursGpc\":true}")
                    .status()).isEqualTo(201);
            String gpcVisitor;
            try (Browser browser = new Browser()) {
                ((org.openqa.selenium.chromium.HasCdp) browser.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                        java.util.Map.of("source", "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });"));
                purposesOnPage[0] = "newsletter,ad-sharing";
                browser.driver.get(origin + "/");
                WebElement sharing = browser.await(By.id("custodia-ad-sharing"));
                assertThat(sharing.isEnabled()).as("declined by the signal, not offered").isFalse();
                assertThat(sharing.isSelected()).isFalse();
                assertThat(browser.driver.findElement(By.id("custodia-banner")).getText()).contains("Global Privacy Control");
                browser.assertAccessible("the banner with GPC");
                gpcVisitor = (String) ((JavascriptExecutor) browser.driver).executeScript("return localStorage.getItem('custodia.subject')");
            }
            JsonNode optedOut = t.api().get("/consents/check?subject=" + gpcVisitor + "&purpose=ad-sharing").json();
            assertThat(optedOut.get("reason").asText()).isEqualTo("GPC_OPT_OUT");
            assertThat(t.api().get("/consents?subject=" + gpcVisitor).raw().body()).contains("\"source\":\"gpc\"");
        } finally {
            site.stop(0);
        }
    }

    @Test
    void aPersonAsksForTheirConsentsByMailWithdrawsOneInHindiAndTheBrowsersGpcSignalIsHonoured() throws Exception {
        Api.Tenant t = Api.newTenant("privacy-consents");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Asia/Kolkata\",\"publishedResponseDays\":30}").status())
                .isEqualTo(200);
        String email = "consents-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SubjectLinksIT.purpose(t, "newsletter", false);
        assertThat(t.api().post("/purposes", "{\"key\":\"ad-sharing\",\"name\":\"Sharing with advertisers\","
                + "\"names\":{\"hi\":\"विज्ञापनदाताओं के साथ साझा करना\"},\"honoursGpc\":true}").status()).isEqualTo(201);
        SubjectLinksIT.grant(t, "crm-1", "newsletter", email);
        SubjectLinksIT.grant(t, "crm-1", "ad-sharing", email);
        String link;
        try (Browser browser = new Browser()) {
            browser.open("/privacy/" + t.slug() + "/consents?lang=hi");
            browser.await(By.id("email"));
            assertThat(heading(browser)).isEqualTo(words(browser, "hi", "consentsTitle")).isNotEqualTo(words(browser, "en", "consentsTitle"));
            assertThat(browser.driver.findElement(By.cssSelector("nav a[aria-current=page]")).getAttribute("href")).contains("/consents");
            browser.assertAccessible("asking for a consent link, in Hindi");
            browser.driver.findElement(By.id("email")).sendKeys(email);
            browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.await(By.id("sent"));
            MimeMessage mail = TestMailServer.awaitMessage(email, 1, Duration.ofSeconds(60));
            Matcher m = SubjectLinksIT.CONSENT_LINK.matcher(TestMailServer.text(mail));
            assertThat(m.find()).as("a consent link in: %s", TestMailServer.text(mail)).isTrue();
            link = m.group(0);
            assertThat(link).contains("?lang=hi#dsc_");

            browser.driver.get(link);
            WebElement withdraw = browser.await(By.cssSelector("button[data-purpose=newsletter]"));
            String page = browser.driver.findElement(By.id("main")).getText();
            assertThat(page).contains("समाचार पत्र").contains("हम आपको महीने में एक बार उत्पाद समाचार ईमेल करते हैं।")
                    .contains("विज्ञापनदाताओं के साथ साझा करना").contains("Asia/Kolkata");
            assertThat(browser.driver.findElements(By.id("gpc"))).as("no GPC signal from this browser").isEmpty();
            browser.assertAccessible("a person's consents, in Hindi");
            browser.photograph("privacy-consents-hi");
            withdraw.click();
            WebElement done = browser.await(By.cssSelector("#main .ok-box[role=status]"));
            assertThat(done.getText()).isNotBlank();
            assertThat(browser.driver.findElements(By.cssSelector("button[data-purpose=newsletter]"))).isEmpty();
            assertThat(browser.driver.findElement(By.id("state-newsletter")).getText()).isNotBlank();
        }
        JsonNode check = t.api().get("/consents/check?subject=crm-1&purpose=newsletter").json();
        assertThat(check.get("reason").asText()).isEqualTo("WITHDRAWN");
        assertThat(t.api().get("/consents/check?subject=crm-1&purpose=ad-sharing").json().get("allowed").asBoolean()).isTrue();

        try (Browser gpcBrowser = new Browser()) { // a browser that sends Global Privacy Control
            ((org.openqa.selenium.chromium.HasCdp) gpcBrowser.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    java.util.Map.of("source", "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });"));
            gpcBrowser.driver.get(link);
            WebElement gpc = gpcBrowser.await(By.id("gpc"));
            assertThat(gpc.getText()).contains("Global Privacy Control").contains("विज्ञापनदाताओं के साथ साझा करना");
            assertThat(gpcBrowser.driver.findElements(By.cssSelector("button[data-purpose=ad-sharing]"))).isEmpty();
            gpcBrowser.assertAccessible("a person's consents with GPC honoured");
        }
        JsonNode opted = t.api().get("/consents/check?subject=crm-1&purpose=ad-sharing").json();
        assertThat(opted.get("allowed").asBoolean()).isFalse();
        assertThat(opted.get("reason").asText()).isEqualTo("GPC_OPT_OUT");
    }

    /** A sentence of the privacy center's catalogue for {@code lang}, as the page itself loads it ({@code a.b} for nested keys). */
    private static String words(Browser browser, String lang, String key) {
        return (String) ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/assets/privacy/i18n/' + arguments[0] + '.js').then((m) => done(arguments[1].split('.').reduce((o, k) => o[k], m.default)));",
                lang, key);
    }

    private static String heading(Browser browser) {
        return browser.await(By.tagName("h1")).getText();
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
