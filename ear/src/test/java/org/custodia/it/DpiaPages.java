package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.custodia.dpia.domain.DpiaTemplate;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Steps of the console's DPIA pages that ConsoleBrowserIT's story takes, as a person would take them. */
final class DpiaPages {

    static final String TITLE = "Payroll DPIA";

    private DpiaPages() {
    }

    /**
     * From the navigation: a new DPIA D-1 of {@code activity} ("PA-1: Payroll") meeting two WP248 criteria, the reasoning's
     * hint saying why it now matters; lands on its page and answers what the page says of the screening.
     */
    static String create(Browser browser, String activity) {
        browser.driver.findElement(By.linkText("DPIAs")).click();
        browser.awaitPage("Data protection impact assessments");
        browser.driver.findElement(By.id("new-dpia")).click();
        browser.awaitPage("New DPIA");
        new Select(browser.labelled("dpia-form", "Processing activity assessed")).selectByVisibleText(activity);
        browser.labelled("dpia-form", "Reference").sendKeys("D-1");
        browser.labelled("dpia-form", "Title").sendKeys(TITLE);
        WebElement reasoning = browser.labelled("dpia-form", "Reasoning");
        assertThat(browser.describedBy(reasoning)).contains("Fewer than two criteria");
        browser.labelled("dpia-form", "Sensitive data or data of a highly personal nature").click();
        browser.labelled("dpia-form", "Data processed on a large scale").click();
        assertThat(browser.describedBy(reasoning)).as("why the reasoning matters now").contains("2 criteria met and no Art. 35(3) case");
        browser.assertAccessible("new DPIA");
        browser.driver.findElement(By.cssSelector("#dpia-form button[type=submit]")).click();
        browser.awaitPage("D-1: " + TITLE);
        return browser.driver.findElement(By.cssSelector("main [role=status]")).getText();
    }

    /** Submit to the DPO with questions open: answers the alert that lists them. */
    static String submitUnanswered(Browser browser) {
        browser.driver.findElement(By.id("submit-dpia")).click();
        return browser.await(By.cssSelector("#dpia-actions [role=alert]")).getText();
    }

    /** Every required question of the shipped questionnaire, and a yes/no one, answered and saved. */
    static void answer(Browser browser) {
        for (DpiaTemplate.Question q : DpiaTemplate.DEFAULT.questions()) {
            if (q.required()) {
                browser.labelled("answers", q.text() + " (required)").sendKeys("We wrote: " + q.id());
            }
        }
        browser.inFieldset(DpiaTemplate.DEFAULT.questions().get(5).text(), "Yes").click();
        browser.driver.findElement(By.cssSelector("#answers button[type=submit]")).click();
        browser.awaitStatus("Answers saved.");
        assertThat(browser.driver.findElement(By.id("unanswered")).getText()).isEqualTo("Every required question is answered.");
    }

    /** The DPIA's page, as the review mails link it: "Add a risk found", rated {@code likelihood} × {@code impact} before treatment. */
    static void addRiskFound(Browser browser, String dpiaId, String reference, String title, int likelihood, int impact) {
        browser.open("/console/dpias/" + dpiaId);
        browser.awaitPage("D-1: " + TITLE);
        browser.driver.findElement(By.cssSelector("#add-risk summary")).click();
        browser.labelled("found-risk", "Reference").sendKeys(reference);
        browser.labelled("found-risk", "Title").sendKeys(title);
        RiskPages.rate(browser, "Inherent rating (before treatment)", likelihood, impact);
        browser.driver.findElement(By.cssSelector("#found-risk button[type=submit]")).click();
        browser.awaitStatus(reference + " added to the risk register.");
        assertThat(browser.driver.findElement(By.id("risks")).getText()).contains(reference).contains("not treated yet");
    }

    /** The DPIA submitted to the DPO; its review task from the inbox, approved with the written opinion; waits for the sign-off. */
    static void submitAndApproveFromInbox(Browser browser, String dpiaId, String opinion) throws InterruptedException {
        browser.open("/console/dpias/" + dpiaId);
        browser.awaitPage("D-1: " + TITLE);
        browser.driver.findElement(By.id("submit-dpia")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("dpia-status"), "In review"));
        RegisterPages.openFromInbox(browser, "/console/dpias/" + dpiaId, "D-1: " + TITLE);
        browser.driver.findElement(By.id("d-APPROVE")).click();
        WebElement comment = browser.driver.findElement(By.id("comment"));
        assertThat(browser.describedBy(comment)).contains("written opinion");
        comment.sendKeys(opinion);
        browser.driver.findElement(By.cssSelector("#decision button[type=submit]")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("dpia-status"), "Approved"));
    }

    /** On the signed-off DPIA: Change, which warns what a new title or screening would do; a new review date alone keeps it approved. */
    static void moveTheReviewDate(Browser browser, String date) {
        browser.driver.findElement(By.cssSelector("#change-dpia summary")).click();
        assertThat(browser.driver.findElement(By.id("dpia-change")).getText()).contains("the DPO reviews it anew");
        WebElement due = browser.labelled("dpia-change", "Review by");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1]", due, date);
        browser.driver.findElement(By.cssSelector("#dpia-change button[type=submit]")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).withMessage("the page drawn anew with the change saved")
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main [role=status]"), "Saved. Screening: Required"));
        assertThat(browser.driver.findElement(By.id("dpia-status")).getText()).isEqualTo("Approved");
        browser.assertAccessible("DPIA with its change form");
    }

    /** An AUDITOR (dpia:view and dpia:export) reads the list, the DPIA and the questionnaires: nothing that changes anything. */
    static void readWithoutWriteControls(Browser browser, String dpiaId) {
        browser.driver.findElement(By.linkText("DPIAs")).click();
        browser.awaitPage("Data protection impact assessments");
        assertThat(browser.driver.findElement(By.id("dpias")).getText()).contains("D-1", "PA-1: Payroll", "Approved");
        assertThat(browser.driver.findElement(By.cssSelector("#dpias tbody td:last-child")).getText()).as("prior consultation")
                .endsWith("Required");
        assertThat(browser.driver.findElements(By.id("new-dpia"))).isEmpty();
        browser.assertAccessible("DPIAs as auditor");
        browser.driver.findElement(By.linkText("D-1")).click();
        browser.awaitPage("D-1: " + TITLE);
        assertThat(browser.driver.findElement(By.id("export-pdf")).getAttribute("href")).endsWith("/api/v1/reports/dpias/" + dpiaId);
        assertThat(browser.driver.findElements(By.cssSelector("main form, main button, main textarea, #add-risk")))
                .as("nothing on the DPIA lets an auditor change it").isEmpty();
        browser.open("/console/dpias/templates");
        browser.awaitPage("DPIA questionnaires");
        assertThat(browser.driver.findElement(By.id("templates")).getText()).contains("art35, version 1");
        assertThat(browser.driver.findElements(By.cssSelector("main form"))).isEmpty();
    }
}
