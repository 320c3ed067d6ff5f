package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * README command 1 (wildfly-config/bin/run.sh, minus the Maven build the test run already did), tried as a new
 * user would: it starts its own PostgreSQL, migrates, starts WildFly with the EAR, seeds a demo tenant and prints a
 * curl that answers "allowed" and demo logins that sign in; a second run.sh beside it refuses; a stop signal (what
 * Ctrl-C delivers) shuts WildFly and that PostgreSQL down; the next run keeps the data, the admin token and the
 * demo key, and no longer prints a login whose password stopped working.
 */
class RunCommandIT {

    static final int PG_PORT = 25433;
    static final int OFFSET = 400;
    private static final Pattern ADMIN_TOKEN = Pattern.compile("Admin token: +(\\S+)");
    private static final Pattern DEMO_KEY = Pattern.compile("Demo tenant API key: (cus_\\S+)");

    private final File root = ItEnvironment.projectRoot();
    private final File home = new File(root, "ear/target/run-it-home");
    private final Path pgHome = Path.of("/tmp/custodia-pg-" + PG_PORT); // throw-away, like the other tests'

    @Test
    void aNewUsersFirstRunsWorkAndKeepTheirData() throws Exception {
        freshPostgresHome();
        Run first = new Run();
        String adminToken;
        String demoKey;
        try {
            String curl = first.awaitLine("curl ", 240);
            assertThat(curl).as("run.sh output:%n%s", first.text()).isNotNull();
            assertThat(first.text()).contains("Demo tenant API key: cus_").contains("Admin token:")
                    .contains("Data:                " + pgHome + " (database), " + home.getPath() + " (server, logs)");
            assertThat(first.text()).as("no terminal escape codes, no logging library warnings")
                    .doesNotContain("\u001b").doesNotContain("SLF4J");
            assertThat(run(curl)).contains("\"allowed\":true").contains("\"subject\":\"demo-user-1\"");
            String console = "http://127.0.0.1:" + (8080 + OFFSET) + "/console/";
            assertThat(first.text()).contains("console: " + console);
            assertThat(run("curl -s -o /dev/null -w '%{http_code}' " + console)).as("the console answers").isEqualTo("200");

            // the printed demo login signs in
            String signIn = first.awaitLine("curl -s -c ", 10);
            assertThat(first.text()).contains("Demo logins").contains("dpo@demo.example").contains("auditor@demo.example");
            assertThat(run(signIn)).as(signIn).contains("\"role\":\"ADMIN\"");
            // and the printed logins land in the console, in a real browser
            Matcher login = Pattern.compile("organisation \"([^\"]+)\".*\\n +APPROVER +(\\S+) +(\\S+)", Pattern.DOTALL).matcher(first.text());
            assertThat(login.find()).as(first.text()).isTrue();
            try (Browser browser = new Browser(null, "http://127.0.0.1:" + (8080 + OFFSET))) {
                browser.open("/console/sign-in");
                browser.awaitPage("Sign in");
                browser.driver.findElement(org.openqa.selenium.By.id("tenant")).sendKeys(login.group(1));
                browser.driver.findElement(org.openqa.selenium.By.id("email")).sendKeys(login.group(2));
                browser.driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(login.group(3));
                browser.driver.findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]")).click();
                browser.awaitPage("Inbox");
            }
            adminToken = find(ADMIN_TOKEN, first.text());
            demoKey = find(DEMO_KEY, first.text());

            // a second run.sh from the same home refuses, and leaves the first answering
            Run second = new Run();
            assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("the second run.sh ends at once").isTrue();
            second.reader.join(5000);
            assertThat(second.process.exitValue()).isNotZero();
            assertThat(second.text()).contains("Custodia is already running from " + home.getPath())
                    .as("refused before touching the database or the deployment").doesNotContain("migrating");
            assertThat(run(curl)).as("the first server still answers").contains("\"allowed\":true");
        } finally {
            first.stop();
        }
        assertThat(first.process.exitValue()).as(first.text()).isZero();
        assertThat(first.text()).contains("stopping WildFly").contains("PostgreSQL on port " + PG_PORT + " stopped");
        assertThat(listening(8080 + OFFSET)).as("WildFly's HTTP port is closed").isFalse();
        assertThat(listening(PG_PORT)).as("the PostgreSQL run.sh started is stopped").isFalse();

        // the APPROVER's password changed since (its stored line no longer signs in)
        Path suite = Path.of(pgHome + ".suite");
        assertThat(suite.resolve("custodia-kek.p12")).as("the key store lives beside its database").exists();
        Path logins = suite.resolve("demo.logins");
        List<String> lines = Files.readAllLines(logins);
        Files.write(logins, lines.stream().map(l -> l.contains("dpo@demo.example") ? l.replaceAll("\\S+$", "changed-since") : l).toList());

        Run again = new Run();
        try {
            assertThat(again.awaitLine("curl ", 240)).as("run.sh output:%n%s", again.text()).isNotNull();
            assertThat(find(ADMIN_TOKEN, again.text())).as("the admin token survives a restart").isEqualTo(adminToken);
            assertThat(find(DEMO_KEY, again.text())).as("so does the demo tenant").isEqualTo(demoKey);
            assertThat(again.text()).contains("admin@demo.example").contains("auditor@demo.example")
                    .as("a login that no longer works is not printed").doesNotContain("dpo@demo.example");
            assertThat(Files.readAllLines(logins)).noneMatch(l -> l.contains("dpo@demo.example"));
            assertThat(Files.readAllLines(suite.resolve("demo.logins.stale"))).anyMatch(l -> l.contains("dpo@demo.example"));
        } finally {
            again.stop();
        }
        assertThat(again.process.exitValue()).as(again.text()).isZero();
    }

    /** One run.sh --no-build with the test's ports, home and PostgreSQL directory; its output collected. */
    private final class Run {
        final Process process;
        final List<String> output = new CopyOnWriteArrayList<>();
        final Thread reader;

        Run() throws IOException {
            ProcessBuilder pb = new ProcessBuilder("bash", new File(root, "wildfly-config/bin/run.sh").getPath(), "--no-build")
                    .redirectErrorStream(true);
            pb.environment().put("CUSTODIA_HOME", home.getPath());
            pb.environment().put("CUSTODIA_PG_PORT", String.valueOf(PG_PORT));
            pb.environment().put("CUSTODIA_PG_HOME", pgHome.toString());
            pb.environment().put("CUSTODIA_PORT_OFFSET", String.valueOf(OFFSET));
            pb.environment().put("CUSTODIA_JAVA_OPTS", "-Xms256m -Xmx768m");
            pb.environment().remove("CUSTODIA_DB_URL");
            pb.environment().remove("CUSTODIA_ADMIN_TOKEN");
            process = pb.start();
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        output.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
        }

        String text() {
            return String.join("\n", output);
        }

        String awaitLine(String prefix, int seconds) throws InterruptedException {
            for (int i = 0; i < seconds * 4; i++) {
                for (String line : output) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    return null;
                }
                Thread.sleep(250);
            }
            return null;
        }

        void stop() throws Exception {
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("run.sh stops on a stop signal").isTrue();
            reader.join(5000);
        }
    }

    private static String run(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return answer;
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in:%n%s", pattern, text).isTrue();
        return m.group(1);
    }

    /** Like a first run on a new machine: no data directory or home left from an earlier run. */
    private void freshPostgresHome() throws Exception {
        ProcessBuilder status = new ProcessBuilder("bash", new File(root, "wildfly-config/bin/local-postgres.sh").getPath(),
                "status").redirectErrorStream(true);
        status.environment().put("CUSTODIA_PG_PORT", String.valueOf(PG_PORT));
        status.environment().put("CUSTODIA_PG_HOME", pgHome.toString());
        Process p = status.start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 3) { // stopped: ours to clear
            delete(pgHome);
            delete(Path.of(pgHome + ".suite"));
        }
        delete(home.toPath());
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
