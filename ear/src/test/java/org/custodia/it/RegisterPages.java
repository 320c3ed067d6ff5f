package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Steps of the console's register pages (GDPR Art. 30) that ConsoleBrowserIT's story takes, as a person would take them. */
final class RegisterPages {

    private RegisterPages() {
    }

    /** From the register: its Systems page, where a system is added; stays there. */
    static void addSystem(Browser browser, String name, String country) {
        browser.driver.findElement(By.linkText("Systems")).click();
        browser.awaitPage("Systems");
        browser.labelled("new-system", "Name").sendKeys(name);
        browser.labelled("new-system", "Hosting country").sendKeys(country);
        browser.driver.findElement(By.cssSelector("#new-system button[type=submit]")).click();
        assertThat(browser.await(By.cssSelector("main [role=status]")).getText()).isEqualTo(name + " added.");
    }

    /**
     * From the register: its Retention policies page, where a policy is added, a period in words refused first with the
     * problem at its input; back on the register.
     */
    static void addRetentionPolicy(Browser browser) {
        browser.driver.findElement(By.linkText("Retention policies")).click();
        browser.awaitPage("Retention policies");
        browser.labelled("new-policy", "Key").sendKeys("tax-10y");
        browser.labelled("new-policy", "Name").sendKeys("Accounting records");
        WebElement period = browser.labelled("new-policy", "Kept for");
        period.sendKeys("ten years");
        new Select(browser.labelled("new-policy", "Counted from")).selectByValue("END_OF_YEAR");
        new Select(browser.labelled("new-policy", "Then")).selectByValue("ERASE");
        browser.labelled("new-policy", "Legal reference").sendKeys("HGB § 257(4)");
        browser.driver.findElement(By.cssSelector("#new-policy button[type=submit]")).click();
        assertThat(browser.await(By.cssSelector("#new-policy [role=alert]")).getText()).contains("period: must be an ISO-8601 period");
        assertThat(period.getAttribute("aria-invalid")).isEqualTo("true");
        period.clear();
        period.sendKeys("P10Y");
        browser.driver.findElement(By.cssSelector("#new-policy button[type=submit]")).click();
        assertThat(browser.await(By.cssSelector("main [role=status]")).getText()).isEqualTo("tax-10y added.");
        assertThat(browser.driver.findElement(By.id("retention-policies")).getText())
                .contains("10 years after the end of the calendar year the record belongs to, then erase").contains("HGB § 257(4)");
        browser.assertAccessible("retention policies");
        browser.driver.findElement(By.linkText("The register")).click();
        browser.awaitPage("Record of processing activities");
    }

    /** Payroll as a controller's record, complete but for its security measures (Art. 30(1)(g)); not saved yet. */
    static void fillPayrollWithoutSecurityMeasures(Browser browser, String reference) throws java.io.IOException {
        browser.labelled("ropa-form", "Reference").sendKeys(reference);
        browser.labelled("ropa-form", "Name of the processing").sendKeys("Payroll");
        browser.inFieldset("Controller", "Name").sendKeys("Acme GmbH");
        browser.inFieldset("Controller", "Contact details").sendKeys("privacy@acme.example");
        browser.inFieldset("Purpose 1", "What for").sendKeys("paying salaries");
        new Select(browser.inFieldset("Purpose 1", "Lawful basis")).selectByValue("CONTRACT");
        browser.labelled("ropa-form", "Category of data subjects 1").sendKeys("employees");
        browser.inFieldset("Data category 1", "Name").sendKeys("bank details");
        browser.inFieldset("Data category 1", "Kept for (time limit for erasure, Art. 30(1)(f))").sendKeys("10 years");
        new Select(browser.inFieldset("Data category 1", "Or as the retention policy says")).selectByValue("tax-10y");
        browser.labelled("ropa-form", "There are no recipients").click();
        browser.labelled("ropa-form", "HR system").click();
        browser.photograph("ropa-form");
    }

    /** The inbox until the task for {@code target} shows (its process starts it in the background); its link opens the page. */
    static void openFromInbox(Browser browser, String target, String heading) throws InterruptedException {
        By link = By.cssSelector("main a[href='" + target + "']");
        for (int i = 0; i < 40; i++) { // the inbox itself, even when the page shown links there too
            browser.open("/console/inbox");
            browser.awaitPage("Inbox");
            if (!browser.driver.findElements(link).isEmpty()) {
                break;
            }
            Thread.sleep(500);
        }
        browser.await(link).click();
        browser.awaitPage(heading);
    }

    /** PA-001's review task, from the inbox to the entry, where the DPO approves it. */
    static void approveFromInbox(Browser browser, String entryId) throws InterruptedException {
        openFromInbox(browser, "/console/ropa/activities/" + entryId, "PA-001: Payroll");
        browser.driver.findElement(By.id("d-APPROVE")).click();
        browser.driver.findElement(By.cssSelector("#decision button[type=submit]")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("entry-status"), "Approved"));
    }

    /**
     * The new entry's form filled with the reference "PA 001": the API refuses it, the alert says so and so does the input
     * (to a screen reader too), nothing is saved; with PA-001 it is. Answers the entry's id, on its page.
     */
    static String saveOnceTheReferenceIsRight(Browser browser, Api api) {
        browser.driver.findElement(By.cssSelector("#ropa-form button[type=submit]")).click();
        assertThat(browser.await(By.cssSelector("[role=alert]")).getText()).contains("reference: must be 1 to 64 letters");
        WebElement reference = browser.labelled("ropa-form", "Reference");
        assertThat(reference.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.describedBy(reference)).contains("must be 1 to 64 letters");
        assertThat(api.get("/ropa/activities").json()).as("nothing saved").isEmpty();
        reference.clear(); // and the entry is saved once the reference is right
        reference.sendKeys("PA-001");
        browser.driver.findElement(By.cssSelector("#ropa-form button[type=submit]")).click();

        browser.awaitPage("PA-001: Payroll");
        return browser.driver.getCurrentUrl().replaceAll(".*/console/ropa/activities/", "");
    }

    /** On PA-001's page: Edit, where the gap (g) is said at its input; filled, saved as version 2 and compared with version 1. */
    static void completeAndCompareVersions(Browser browser) {
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
    }

    /** On the register: a CSV whose role is wrong (each problem with its line, nothing imported), then one that imports PA-002. */
    static void importRefusedThenImported(Browser browser, Api api) throws java.io.IOException {
        String header = String.join(",", org.custodia.ropa.domain.RegisterSheet.header().subList(0, 24)) + "\r\n";
        assertThat(importCsv(browser, header + "PA-002,Invoicing,BOSS" + ",".repeat(21) + "\r\n"))
                .as("every problem with its line, nothing imported").startsWith("Nothing was imported.").contains("line 2, role: ");
        assertThat(api.get("/ropa/activities").json()).hasSize(1);
        assertThat(importCsv(browser, header + "PA-002,Invoicing,CONTROLLER" + ",".repeat(21) + "\r\n"))
                .isEqualTo("Imported 1 row: 1 created, 0 changed, 0 unchanged.");
        assertThat(browser.driver.findElement(By.id("register")).getText()).as("the list, read again").contains("PA-002");
    }

    /** On the register: imports {@code csv} from a file, and answers what the page then says of it. */
    static String importCsv(Browser browser, String csv) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("register", ".csv");
        java.nio.file.Files.writeString(file, csv);
        browser.driver.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        browser.driver.findElement(By.cssSelector("#import button[type=submit]")).click();
        return browser.await(By.cssSelector("#import-result .ok-box, #import-result .problem")).getText();
    }

    /**
     * An AUDITOR (ropa:view and ropa:export only) reads the register (the approved PA-001, the imported PA-002), PA-001 (its
     * retention as the linked policy says), the retention policies and the systems: the exports are there, nothing that would change anything is, and the pages pass axe-core.
     */
    static void readWithoutWriteControls(Browser browser, String entryId) throws java.io.IOException {
        browser.driver.findElement(By.linkText("Register")).click();
        browser.awaitPage("Record of processing activities");
        assertThat(browser.driver.findElement(By.id("register")).getText()).contains("PA-001").contains("Payroll").contains("Approved")
                .contains("PA-002");
        assertThat(browser.driver.findElements(By.cssSelector("#new-entry, #import, main input[type=file]"))).as("no write control").isEmpty();
        assertThat(browser.driver.findElement(By.id("export-pdf")).getAttribute("href")).endsWith("/api/v1/reports/processing-register");
        browser.assertAccessible("register as auditor");
        browser.photograph("ropa-register");
        browser.driver.findElement(By.id("filter-gaps")).click();
        assertThat(browser.driver.findElement(By.id("register-count")).getText()).as("PA-001 is complete; PA-002 is not")
                .isEqualTo("1 of 2 entries shown.");
        assertThat(browser.driver.findElement(By.id("register")).getText()).contains("PA-002").doesNotContain("PA-001");

        browser.open("/console/ropa/activities/" + entryId); // as the review mails link it
        browser.awaitPage("PA-001: Payroll");
        assertThat(browser.driver.findElements(By.cssSelector("#edit-entry, #submit-entry, #delete-entry, #decision, #ropa-form")))
                .as("nothing on the entry lets an auditor change it").isEmpty();
        assertThat(browser.driver.findElement(By.id("security-measures")).getText()).isEqualTo("encryption at rest, role-based access");
        browser.assertAccessible("register entry as auditor");

        assertThat(browser.driver.findElement(By.xpath("//section[h2='(f) Time limits for erasure']")).getText())
                .contains("bank details: 10 years; 10 years after the end of the calendar year the record belongs to, then erase"
                        + " (retention policy tax-10y)");

        browser.open("/console/retention");
        browser.awaitPage("Retention policies");
        assertThat(browser.driver.findElement(By.id("retention-policies")).getText()).contains("tax-10y");
        assertThat(browser.driver.findElements(By.cssSelector("main form, main button, main details"))).as("nor on the policies").isEmpty();

        browser.open("/console/ropa/systems");
        browser.awaitPage("Systems");
        assertThat(browser.driver.findElement(By.id("systems")).getText()).contains("HR system");
        assertThat(browser.driver.findElements(By.cssSelector("main form, main button, main details"))).as("nor on the systems").isEmpty();
    }
}
