package org.custodia.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.custodia.platform.schema.DatabaseSetup;

/**
 * A WildFly of one test's own, with the built EAR, on its own port offset and its own database in the tests'
 * PostgreSQL (so the Arquillian server's job executor never touches its jobs), mailing to the tests' GreenMail.
 * It can be killed (SIGKILL of the server process this class started, nothing else) and started again on the same
 * base directory, so its key store and deployment stay those of the first start. Talks to it over HTTP like
 * {@link Api} does to the Arquillian one.
 */
final class OwnWildFly {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Duration START_PATIENCE = Duration.ofSeconds(240);

    private final String name;
    private final int offset;
    private final String database;
    private final int pgPort;
    private final Map<String, String> properties;
    private final Path base;
    private Process launcher;

    OwnWildFly(String name, int offset, String database) {
        this(name, offset, database, ItEnvironment.pgPort(), Map.of());
    }

    /** On the PostgreSQL at {@code pgPort} (the tests' or one of its own), with these system properties besides. */
    OwnWildFly(String name, int offset, String database, int pgPort, Map<String, String> properties) {
        this.name = name;
        this.offset = offset;
        this.database = database;
        this.pgPort = pgPort;
        this.properties = Map.copyOf(properties);
        this.base = new File(ItEnvironment.projectRoot(), "ear/target/" + name).toPath();
    }

    String apiBase() {
        return "http://127.0.0.1:" + (8080 + offset) + "/api/v1";
    }

    /** The public port's root ({@code /health}, {@code /metrics}, {@code /console}). */
    String webBase() {
        return "http://127.0.0.1:" + (8080 + offset);
    }

    /** The WildFly node name it runs as (its job locks carry it). */
    String nodeName() {
        return name;
    }

    /** A fresh database (migrated like the run command does) and a fresh server base directory with the EAR. */
    void prepare() throws IOException, SQLException {
        try (Connection c = TestDatabase.superuser(pgPort, "postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
        new DatabaseSetup(Map.of(
                "CUSTODIA_DB_ADMIN_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "CUSTODIA_DB_ADMIN_PASSWORD", TestDatabase.SUPERUSER_PASSWORD,
                "CUSTODIA_DB_URL", jdbcUrl())::get).run();

        File wildfly = new File(ItEnvironment.required("jboss.home"));
        if (Files.exists(base)) {
            try (var paths = Files.walk(base)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(base.resolve("deployments"));
        Path configuration = wildfly.toPath().resolve("standalone/configuration");
        try (var paths = Files.walk(configuration)) {
            for (Path p : paths.toList()) {
                Path target = base.resolve("configuration").resolve(configuration.relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.copy(Path.of(ItEnvironment.required("custodia.it.ear")), base.resolve("deployments/custodia.ear"));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database;
    }

    Connection superuser() throws SQLException {
        return TestDatabase.superuser(pgPort, database);
    }

    /** Starts the server and returns once the EAR is deployed and the API answers. */
    void start() throws IOException, InterruptedException {
        if (launcher != null && launcher.isAlive()) {
            throw new IllegalStateException(name + " is running already");
        }
        Path deployments = base.resolve("deployments");
        for (String marker : List.of(".deployed", ".failed", ".isdeploying", ".pending", ".undeployed")) {
            Files.deleteIfExists(deployments.resolve("custodia.ear" + marker)); // the scanner deploys it again at boot
        }
        File wildfly = new File(ItEnvironment.required("jboss.home"));
        List<String> command = new ArrayList<>(List.of("bash", new File(wildfly, "bin/standalone.sh").getPath(),
                "-c", "custodia.xml", "-b", "127.0.0.1",
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset, "-Djboss.node.name=" + name,
                "-Dcustodia.db.url=" + jdbcUrl(), "-Dcustodia.admin.token=" + ItEnvironment.ADMIN_TOKEN,
                "-Dcustodia.smtp.port=" + ItEnvironment.required("custodia.it.smtp.port"),
                "-Dcustodia.public.url=http://127.0.0.1:" + (8080 + offset),
                "-Dcustodia.jobs.max.wait.ms=1000", "-Dcustodia.mail.retry.seconds=2",
                "-Dcustodia.signin.per.minute=100000", "-Dcustodia.signin.tenant.per.minute=100000",
                "-Dcustodia.dsar.intake.per.hour=60", "-Dcustodia.outbound.allow.private=true"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        Files.createDirectories(base.resolve("log"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("log/console.log").toFile()));
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        pb.environment().put("JAVA_OPTS", "-Xms256m -Xmx768m -Djava.net.preferIPv4Stack=true");
        launcher = pb.start();

        Path deployed = deployments.resolve("custodia.ear.deployed");
        Path failed = deployments.resolve("custodia.ear.failed");
        Instant until = Instant.now().plus(START_PATIENCE);
        while (!Files.exists(deployed) && !Files.exists(failed) && launcher.isAlive() && Instant.now().isBefore(until)) {
            Thread.sleep(250);
        }
        if (!Files.exists(deployed)) {
            throw new AssertionError(name + " did not deploy the EAR (see " + base.resolve("log/server.log") + "): "
                    + (Files.exists(failed) ? Files.readString(failed) : launcher.isAlive() ? "still deploying" : "the server exited"));
        }
        while (anonymous().get("/ping").status() != 200) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError(name + " deployed but its API does not answer");
            }
            Thread.sleep(250);
        }
    }

    /**
     * SIGKILL of the server: the JVM the launcher script started (its child), then the script. No shutdown hook
     * runs, nothing is flushed or closed; PostgreSQL rolls back whatever transaction was open.
     */
    void kill() throws InterruptedException {
        List<ProcessHandle> server = launcher.toHandle().descendants().toList();
        server.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : server) {
            p.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
        launcher.destroyForcibly();
        launcher.waitFor(60, TimeUnit.SECONDS);
    }

    /** An orderly stop (SIGTERM, which the launcher passes on), forced after a minute. */
    void stop() throws InterruptedException {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        List<ProcessHandle> server = launcher.toHandle().descendants().toList();
        server.forEach(ProcessHandle::destroy);
        launcher.destroy();
        if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
            launcher.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    String serverLog() throws IOException {
        Path log = base.resolve("log/server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    Client anonymous() {
        return new Client(null, null);
    }

    Client admin() {
        return new Client(ItEnvironment.ADMIN_TOKEN, null);
    }

    Client withKey(String key) {
        return new Client(key, null);
    }

    Client withSession(String sessionToken) {
        return new Client(null, sessionToken);
    }

    /** One caller of this server's API: an API key or token, a console session, or nobody. */
    final class Client {
        private final String credential;
        private final String session;

        private Client(String credential, String session) {
            this.credential = credential;
            this.session = session;
        }

        Api.Reply get(String path) {
            return send(request(path).GET());
        }

        Api.Reply post(String path, String json) {
            return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        Api.Reply put(String path, String json) {
            return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiBase() + path)).timeout(Duration.ofSeconds(30));
            if (credential != null) {
                b.header("Authorization", "Bearer " + credential);
            }
            if (session != null) {
                b.header("Cookie", "custodia_session=" + session);
            }
            return b;
        }

        private Api.Reply send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode json;
                try {
                    json = response.body().isEmpty() ? MissingNode.getInstance() : Api.JSON.readTree(response.body());
                } catch (IOException notJson) {
                    json = MissingNode.getInstance();
                }
                return new Api.Reply(response.statusCode(), response, json);
            } catch (java.net.ConnectException down) {
                return new Api.Reply(0, null, MissingNode.getInstance()); // not listening (yet)
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
