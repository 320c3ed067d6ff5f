package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs) driven by Selenium
 * against the test server: pages are checked with axe-core and photographed at desktop and phone width into
 * target/screenshots/.
 */
final class Browser implements AutoCloseable {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    final String base;

    Browser() {
        this(null);
    }

    /** {@code downloads}: where files the pages download are saved (null: nowhere in particular). */
    Browser(Path downloads) {
        this(downloads, ItEnvironment.apiBase().replace("/api/v1", ""));
    }

    /** A browser for the suite at {@code base} (another server than the tests' own, such as run.sh's). */
    Browser(Path downloads, String base) {
        assertThat(CHROMIUM).as("the browser tests need Debian's chromium (apt-get install -y chromium chromium-driver;"
                + " .ci/run installs it)").exists();
        assertThat(CHROMEDRIVER).as("and its chromium-driver").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--lang=en-GB");
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        if (downloads != null) {
            options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        this.base = base;
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Signs in on the console's sign-in page and waits for the page the role starts on. */
    void signIn(Accounts.Account account, String landing) {
        open("/console/sign-in");
        awaitPage("Sign in");
        driver.findElement(By.id("tenant")).sendKeys(account.tenant().slug());
        driver.findElement(By.id("email")).sendKeys(account.email());
        driver.findElement(By.id("password")).sendKeys(account.password());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        awaitPage(landing);
    }

    /** Signs out with the bar's button and waits for the sign-in page. */
    void signOut() {
        driver.findElement(By.xpath("//button[text()='Sign out']")).click();
        awaitPage("Sign in");
    }

    /** The one file that appears in {@code dir} within 30 s, once Chromium has finished writing it. */
    static Path awaitDownload(Path dir, String suffix) throws IOException, InterruptedException {
        for (int i = 0; i < 120; i++) {
            try (var files = Files.list(dir)) {
                List<Path> all = files.toList();
                // Chromium may show the final name before the content: done when nothing is in flight and it has bytes
                boolean inFlight = all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
                var done = all.stream().filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
                if (!inFlight && done.isPresent() && Files.size(done.get()) > 0) {
                    return done.get();
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + suffix + " downloaded into " + dir);
    }

    WebElement await(By by, Duration patience) {
        try {
            return new WebDriverWait(driver, patience).until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no visible " + by + " at " + driver.getCurrentUrl() + "; the browser's console: " + console(), e);
        }
    }

    /** What the page wrote to the browser's console (errors, failed requests), for a failure's message. */
    List<String> console() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    WebElement await(By by) {
        return await(by, Duration.ofSeconds(20));
    }

    /** The input a label names within the element with id {@code scope} (a form), as a person finds it. */
    WebElement labelled(String scope, String label) {
        return driver.findElement(By.id(driver.findElement(By.xpath("//*[@id='" + scope + "']//label[normalize-space()='" + label + "']"))
                .getAttribute("for")));
    }

    /** The input a label names within the fieldset whose legend reads {@code legend} (a party, a row of a list). */
    WebElement inFieldset(String legend, String label) {
        return driver.findElement(By.id(driver.findElement(By.xpath("//fieldset[legend[normalize-space()='" + legend
                + "']]//label[normalize-space()='" + label + "']")).getAttribute("for")));
    }

    /** The texts an input's aria-describedby points at, which a screen reader reads with it. */
    String describedBy(WebElement input) {
        StringBuilder text = new StringBuilder();
        for (String id : String.valueOf(input.getAttribute("aria-describedby")).split(" ")) {
            driver.findElements(By.id(id)).forEach(e -> text.append(e.getText()).append(' '));
        }
        return text.toString();
    }

    /** Waits until the page's one h1 reads {@code heading} (the console's views are rendered by script). */
    void awaitPage(String heading) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.tagName("h1"), heading));
        } catch (org.openqa.selenium.TimeoutException e) {
            String source = driver.getPageSource();
            throw new AssertionError("no page \"" + heading + "\" at " + driver.getCurrentUrl() + " (title \"" + driver.getTitle()
                    + "\"): " + source.substring(0, Math.min(1500, source.length())), e);
        }
    }

    /** Waits until the page's first status message (what a change says on the page it draws) reads {@code message}. */
    void awaitStatus(String message) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.cssSelector("main [role=status]"), message));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no status \"" + message + "\" at " + driver.getCurrentUrl() + "; the page says: "
                    + driver.findElement(By.tagName("main")).getText() + "; the browser's console: " + console(), e);
        }
    }

    /** axe-core over the whole page: no serious or critical violation (WCAG 2.2 AA and best practices). */
    void assertAccessible(String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"))
                .analyze(driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(serious).as("%s: axe-core violations %s", page, serious.stream()
                .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at " + v.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).toList()).toList()).isEmpty();
        assertThat(driver.getTitle()).as("%s has a title", page).isNotBlank();
        assertThat(driver.findElements(By.tagName("main"))).as("%s has a main landmark", page).hasSize(1);
    }

    /** The page as a desktop and a phone show it: target/screenshots/{name}-desktop.png and -phone.png. */
    void photograph(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Dimension before = driver.manage().window().getSize();
        for (var size : List.of(DESKTOP, PHONE)) {
            driver.manage().window().setSize(size);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + (size == DESKTOP ? "-desktop" : "-phone") + ".png"), png);
        }
        driver.manage().window().setSize(before);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
