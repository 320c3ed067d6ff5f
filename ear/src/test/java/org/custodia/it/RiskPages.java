package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Steps of the console's risk register pages that ConsoleBrowserIT's stories take, as a person would take them. */
final class RiskPages {

    static final String[] LIKELIHOOD = {"rare", "unlikely", "possible", "likely", "almost certain"};
    static final String[] IMPACT = {"insignificant", "minor", "moderate", "major", "severe"};

    private RiskPages() {
    }

    /** The rating's selects in the fieldset {@code legend}, picked by the scale's words as a person reads them ("4 – likely"). */
    static void rate(Browser browser, String legend, int likelihood, int impact) {
        new Select(browser.inFieldset(legend, "Likelihood")).selectByVisibleText(likelihood + " – " + LIKELIHOOD[likelihood - 1]);
        new Select(browser.inFieldset(legend, "Impact")).selectByVisibleText(impact + " – " + IMPACT[impact - 1]);
    }

    /** From the register: New risk, rated inherently; saved, its page; then back to the register. */
    static void addRisk(Browser browser, String reference, String title, int likelihood, int impact) {
        browser.driver.findElement(By.id("new-risk")).click();
        browser.awaitPage("New risk");
        browser.labelled("risk-form", "Reference").sendKeys(reference);
        browser.labelled("risk-form", "Title").sendKeys(title);
        rate(browser, "Inherent rating (before treatment)", likelihood, impact);
        browser.driver.findElement(By.cssSelector("#risk-form button[type=submit]")).click();
        browser.awaitPage(reference + ": " + title);
        assertThat(browser.driver.findElement(By.id("risk-inherent")).getText())
                .startsWith(likelihood * impact + " ").contains("(likelihood " + likelihood + " × impact " + impact + ")");
        assertThat(browser.driver.findElement(By.id("risk-residual")).getText()).isEqualTo("not treated yet");
        browser.driver.findElement(By.linkText("Back to the risk register")).click();
        browser.awaitPage("Risk register");
    }

    static WebElement cell(Browser browser, int likelihood, int impact) {
        return browser.await(By.cssSelector("#heat-map button[data-likelihood='" + likelihood + "'][data-impact='" + impact + "']"));
    }

    /** What a screen reader says of a heat map cell, and that it sits in a table read by its header cells. */
    static String heard(Browser browser, int likelihood, int impact) {
        WebElement cell = cell(browser, likelihood, impact);
        assertThat(browser.driver.findElements(By.cssSelector("#heat-map thead th[scope=col]"))).hasSize(5);
        assertThat(browser.driver.findElement(By.cssSelector("#heat-map tbody tr:first-child th[scope=row]")).getText())
                .as("likelihood 5 at the top").startsWith("Likelihood 5");
        return cell.getAccessibleName();
    }

    /** Activates a cell from the keyboard; answers the list it leaves (the cell's risks only). */
    static String drillDown(Browser browser, int likelihood, int impact) {
        cell(browser, likelihood, impact).sendKeys(Keys.ENTER);
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("risk-count"),
                "from the chosen cell"));
        assertThat(cell(browser, likelihood, impact).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.id("selection")).getText())
                .contains("Showing the cell likelihood " + likelihood + " × impact " + impact);
        return browser.driver.findElement(By.id("risks")).getText();
    }

    /** Back from a cell to every risk. */
    static void showAll(Browser browser) {
        browser.driver.findElement(By.id("show-all")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("risk-count"), "2 risks shown."));
    }

    /** On the bands page: the high band made to start at 13, which leaves score 12 in no band; the API's 422, shown, nothing saved. */
    static String refusedBands(Browser browser, Api api) {
        browser.driver.findElement(By.linkText("Risk bands")).click();
        browser.awaitPage("Risk bands");
        WebElement from = browser.inFieldset("Band 3", "From score");
        from.clear();
        from.sendKeys("13");
        browser.driver.findElement(By.cssSelector("#bands-form button[type=submit]")).click();
        String alert = browser.await(By.cssSelector("#bands-form [role=alert]")).getText();
        assertThat(api.get("/settings/risk-bands").json().get("bands").get(2).get("from").asInt()).as("nothing saved").isEqualTo(12);
        browser.driver.findElement(By.linkText("Back to the risk register")).click();
        browser.awaitPage("Risk register");
        return alert;
    }

    /** On a risk's page: a mitigation due {@code due} (ISO date), added; answers the plans' table. */
    static String addTreatment(Browser browser, String description, String due) {
        browser.labelled("new-plan", "What is done").sendKeys(description);
        WebElement date = browser.labelled("new-plan", "Due date");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1]", date, due); // a date input types by locale
        browser.driver.findElement(By.cssSelector("#new-plan button[type=submit]")).click();
        browser.awaitStatus("Treatment plan added.");
        return browser.driver.findElement(By.id("treatments")).getText();
    }

    /** An AUDITOR (risk:view and risk:export) reads the register and a risk: the PDF is there, nothing that changes anything is. */
    static void readWithoutWriteControls(Browser browser, String reference, String title) {
        browser.driver.findElement(By.linkText("Risks")).click();
        browser.awaitPage("Risk register");
        assertThat(browser.await(By.id("risks")).getText()).contains(reference);
        assertThat(browser.driver.findElement(By.id("export-pdf")).getAttribute("href")).endsWith("/api/v1/reports/risk-register");
        assertThat(browser.driver.findElements(By.id("new-risk"))).as("no new risk").isEmpty();
        browser.driver.findElement(By.linkText("Risk bands")).click();
        browser.awaitPage("Risk bands");
        assertThat(browser.driver.findElements(By.cssSelector("main form, main input"))).as("the bands, read only").isEmpty();
        browser.driver.navigate().back();
        browser.awaitPage("Risk register");
        browser.await(By.linkText(reference)).click();
        browser.awaitPage(reference + ": " + title);
        assertThat(browser.driver.findElements(By.cssSelector("#edit-risk, #delete-risk, main form, main details")))
                .as("nothing on the risk lets an auditor change it").isEmpty();
        browser.assertAccessible("risk as auditor");
    }
}
