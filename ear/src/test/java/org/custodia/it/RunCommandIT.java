package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * README command 1 (wildfly-config/bin/run.sh, minus the Maven build the test run already did): it starts
 * its own PostgreSQL, migrates, starts WildFly with the EAR, seeds a demo tenant and prints a curl that
 * answers "allowed"; a stop signal (what Ctrl-C delivers) shuts WildFly and that PostgreSQL down.
 */
class RunCommandIT {

    static final int PG_PORT = 25433;
    static final int OFFSET = 400;

    @Test
    void thePrintedCurlReturnsAllowedAndStopLeavesNothingRunning() throws Exception {
        File root = ItEnvironment.projectRoot();
        File home = new File(root, "ear/target/run-it-home");
        freshPostgresHome(root);
        ProcessBuilder pb = new ProcessBuilder("bash", new File(root, "wildfly-config/bin/run.sh").getPath(), "--no-build")
                .redirectErrorStream(true);
        pb.environment().put("CUSTODIA_HOME", home.getPath());
        pb.environment().put("CUSTODIA_PG_PORT", String.valueOf(PG_PORT));
        pb.environment().put("CUSTODIA_PORT_OFFSET", String.valueOf(OFFSET));
        pb.environment().put("CUSTODIA_JAVA_OPTS", "-Xms256m -Xmx768m");
        pb.environment().remove("CUSTODIA_DB_URL");
        Process run = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            String curl = awaitLine(output, run, "curl ", 240);
            assertThat(curl).as("run.sh output:%n%s", String.join("\n", output)).isNotNull();
            assertThat(String.join("\n", output)).contains("Demo tenant API key: cus_").contains("Admin token:");

            Process check = new ProcessBuilder("bash", "-c", curl).redirectErrorStream(true).start();
            String answer = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(answer).contains("\"allowed\":true").contains("\"subject\":\"demo-user-1\"");

            // the printed demo login signs in
            String signIn = awaitLine(output, run, "curl -s -c ", 10);
            assertThat(String.join("\n", output)).contains("Demo logins").contains("dpo@demo.example").contains("auditor@demo.example");
            Process login = new ProcessBuilder("bash", "-c", signIn).redirectErrorStream(true).start();
            String session = new String(login.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(login.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(session).as(signIn).contains("\"role\":\"ADMIN\"");
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(run.pid())).start().waitFor();
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("run.sh stops on a stop signal").isTrue();
        }
        reader.join(5000);
        assertThat(run.exitValue()).as(String.join("\n", output)).isZero();
        assertThat(String.join("\n", output)).contains("stopping WildFly").contains("PostgreSQL on port " + PG_PORT + " stopped");
        assertThat(listening(8080 + OFFSET)).as("WildFly's HTTP port is closed").isFalse();
        assertThat(listening(PG_PORT)).as("the PostgreSQL run.sh started is stopped").isFalse();
    }

    /** Like a first run on a new machine: no data directory left from an earlier run (or older migrations). */
    private static void freshPostgresHome(File root) throws Exception {
        ProcessBuilder status = new ProcessBuilder("bash", new File(root, "wildfly-config/bin/local-postgres.sh").getPath(),
                "status").redirectErrorStream(true);
        status.environment().put("CUSTODIA_PG_PORT", String.valueOf(PG_PORT));
        Process p = status.start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 3) { // stopped: ours to clear
            java.nio.file.Path pgHome = java.nio.file.Path.of("/tmp/custodia-pg-" + PG_PORT);
            if (java.nio.file.Files.exists(pgHome)) {
                try (var paths = java.nio.file.Files.walk(pgHome)) {
                    for (java.nio.file.Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(path);
                    }
                }
            }
        }
        java.nio.file.Files.deleteIfExists(new File(root, "ear/target/run-it-home/demo.key").toPath());
        java.nio.file.Files.deleteIfExists(new File(root, "ear/target/run-it-home/demo.logins").toPath());
    }

    private static String awaitLine(List<String> output, Process run, String prefix, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 4; i++) {
            for (String line : output) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!run.isAlive()) {
                return null;
            }
            Thread.sleep(250);
        }
        return null;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
