package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * With CUSTODIA_ENV=production and the built-in development secrets, the deployment fails and the log
 * names the settings (not their values). A WildFly of its own on another port offset, pointed at a closed
 * database port so that nothing of it touches the tests' database; development mode starting is what
 * every other IT shows.
 */
class ProductionModeIT {

    static final int OFFSET = 500;

    @Test
    void productionWithDevelopmentDefaultsDoesNotDeploy() throws Exception {
        File wildfly = new File(ItEnvironment.required("jboss.home"));
        Path base = new File(ItEnvironment.projectRoot(), "ear/target/production-it").toPath();
        if (Files.exists(base)) {
            try (var paths = Files.walk(base)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(base.resolve("deployments"));
        Files.createDirectories(base.resolve("log"));
        try (var paths = Files.walk(wildfly.toPath().resolve("standalone/configuration"))) {
            for (Path p : paths.toList()) {
                Path target = base.resolve("configuration").resolve(wildfly.toPath().resolve("standalone/configuration").relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.copy(Path.of(ItEnvironment.required("custodia.it.ear")), base.resolve("deployments/custodia.ear"));

        ProcessBuilder pb = new ProcessBuilder("bash", new File(wildfly, "bin/standalone.sh").getPath(), "-c", "custodia.xml",
                "-b", "127.0.0.1", "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Dcustodia.db.url=jdbc:postgresql://127.0.0.1:1/nothing")
                .redirectErrorStream(true).redirectOutput(base.resolve("log/console.log").toFile());
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        pb.environment().put("JAVA_OPTS", "-Xms128m -Xmx512m -Djava.net.preferIPv4Stack=true");
        pb.environment().put("CUSTODIA_ENV", "production");
        pb.environment().remove("CUSTODIA_KEYSTORE_PASSWORD");
        pb.environment().remove("CUSTODIA_DB_PASSWORD");
        pb.environment().remove("CUSTODIA_ADMIN_TOKEN");
        Process server = pb.start();
        try {
            Path failed = base.resolve("deployments/custodia.ear.failed");
            Path deployed = base.resolve("deployments/custodia.ear.deployed");
            for (int i = 0; i < 240 && !Files.exists(failed) && !Files.exists(deployed) && server.isAlive(); i++) {
                Thread.sleep(500);
            }
            String log = Files.exists(base.resolve("log/server.log")) ? Files.readString(base.resolve("log/server.log")) : "";
            assertThat(deployed).as(log).doesNotExist();
            assertThat(failed).as(log).exists();
            assertThat(log).contains("refusing to start: CUSTODIA_ENV=production refuses development defaults")
                    .contains("CUSTODIA_KEYSTORE_PASSWORD").contains("CUSTODIA_DB_PASSWORD")
                    .doesNotContain("custodia-development-only");
        } finally {
            server.toHandle().descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
    }
}
