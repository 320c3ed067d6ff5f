package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import org.custodia.dsar.domain.DsarDeadlinePolicy;
import org.custodia.dsar.domain.Jurisdiction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mid-flight durability of DSARs: a WildFly of this test's own ({@link OwnWildFly}) is killed with SIGKILL while
 * three requests are at different steps, and started again. A request waiting for its subject's email
 * confirmation, and one whose DPO review task is claimed, go on from where they were (same process instance, same
 * task, same link) to CLOSED; their timer jobs are the same rows with the same due dates; a warning timer that fell
 * due while the server was down fires once after the start and its mail arrives once; a discovery search that was
 * running at the kill (an HTTP connector holding its answer) is run again at once, because a starting node
 * releases the job locks it left ({@code NodeJobLocks}), instead of after Camunda's five-minute lock.
 */
class DsarDurabilityIT {

    /** Not the Arquillian server's (300), RunCommandIT's (400) nor ProductionModeIT's (500). */
    static final int OFFSET = 600;
    static final String DATABASE = "custodia_durability_it";
    static final Duration PATIENCE = Duration.ofSeconds(90);
    /** How long after its submission the killed request's warning falls due: after the kill, before the restart. */
    static final Duration WARNING_AFTER = Duration.ofSeconds(25);
    static final Pattern LINK_TOKEN = Pattern.compile("(dsv_[A-Za-z0-9_-]{43})");
    static final List<String> DEADLINE_TIMERS = List.of("deadlineWarning", "deadlineBreached", "deadlineEscalation");

    /** A row of {@code engine.act_ru_job} as the database holds it; {@code activity} from its job definition. */
    record JobRow(String id, String activity, String type, Instant due, String lockOwner, Instant lockExpiry) {
    }

    /**
     * A customer's HTTP endpoint for an HTTP connector. It answers every call, but holds the first call for each
     * request until {@link #releaseHeldCalls()}: the search is then still running on the server.
     */
    static final class HoldingConnector {
        final Map<String, List<Instant>> calls = new ConcurrentHashMap<>();
        final CountDownLatch firstCallArrived = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final HttpServer http;

        HoldingConnector() throws java.io.IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.setExecutor(threads);
            http.createContext("/discover", exchange -> {
                String requestId = Api.JSON.readTree(exchange.getRequestBody().readAllBytes()).get("requestId").asText();
                List<Instant> mine = calls.computeIfAbsent(requestId, id -> new CopyOnWriteArrayList<>());
                mine.add(Instant.now());
                try {
                    if (mine.size() == 1) {
                        firstCallArrived.countDown();
                        release.await(120, TimeUnit.SECONDS);
                    }
                    byte[] answer = "{\"tickets\":[{\"id\":7,\"topic\":\"billing\"}]}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                } catch (InterruptedException | java.io.IOException callerGone) {
                    // the held call's caller was killed
                } finally {
                    exchange.close();
                }
            });
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/discover";
        }

        void releaseHeldCalls() {
            release.countDown();
        }

        void stop() {
            release.countDown();
            http.stop(0);
            threads.shutdownNow();
        }
    }

    private final OwnWildFly server = new OwnWildFly("durability-it", OFFSET, DATABASE);
    private HoldingConnector connector;

    @AfterEach
    void stopServers() throws InterruptedException {
        server.stop();
        if (connector != null) {
            connector.stop();
        }
    }

    @Test
    void requestsKilledMidFlightGoOnAfterTheRestartWithTheirTimersIntact() throws Exception {
        connector = new HoldingConnector();
        server.prepare();
        server.start();
        OwnWildFly.Client admin = server.admin();
        String slug = "durable-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = admin.post("/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Durable Ltd\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        OwnWildFly.Client a = server.withKey(created.json().get("apiKey").get("key").asText());
        String anna = Accounts.uniqueEmail("anna");
        OwnWildFly.Client annaSession = acceptedApprover(a, slug, anna);

        // R1: a public request waiting for its subject to confirm the emailed link
        String subjectEmail = Accounts.uniqueEmail("subject");
        Api.Reply intake = server.anonymous().post("/public/" + slug + "/dsars",
                "{\"type\":\"PORTABILITY\",\"jurisdiction\":\"UK_GDPR\",\"email\":\"" + subjectEmail + "\"}");
        assertThat(intake.status()).as(intake.raw().body()).isEqualTo(202);
        String r1 = intake.json().get("reference").asText();
        String token = linkToken(TestMailServer.awaitMessage(subjectEmail, 1, PATIENCE));
        JsonNode r1Before = await(() -> a.get("/dsars/" + r1).json(), v -> "AWAITING_IDENTITY".equals(v.path("status").asText()),
                "R1 awaiting identity");

        // R2: a staff request in review, claimed by Anna; its warning (by the tenant's service level) falls due soon
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant r2Due = DsarDeadlinePolicy.deadline(Jurisdiction.US_CA_CCPA, now, ZoneOffset.UTC).dueAt();
        Duration lead = Duration.between(now.plus(WARNING_AFTER), r2Due);
        Api.Reply sla = a.put("/settings/sla", "{\"rows\":[{\"process\":\"dsar\",\"type\":\"ACCESS\",\"warningBefore\":\"" + lead
                + "\",\"escalationAfter\":\"P1D\"},"
                + "{\"process\":\"dsar\",\"type\":\"*\",\"warningBefore\":\"P7D\",\"escalationAfter\":\"P1D\"}]}");
        assertThat(sla.status()).as(sla.raw().body()).isEqualTo(200);
        Api.Reply staff = a.post("/dsars", "{\"type\":\"ACCESS\",\"jurisdiction\":\"US_CA_CCPA\",\"identity\":\"VERIFIED\",\"subject\":\"crm-"
                + UUID.randomUUID() + "\",\"receivedAt\":\"" + now + "\"}");
        assertThat(staff.status()).as(staff.raw().body()).isEqualTo(201);
        String r2 = staff.json().get("id").asText();
        Instant r2Warning = Instant.parse(staff.json().get("warningAt").asText());
        assertThat(r2Warning).isEqualTo(now.plus(WARNING_AFTER));
        JsonNode task = await(() -> taskOf(annaSession, r2), t -> t != null, "R2's review task");
        String r2Task = task.get("id").asText();
        Api.Reply claimed = annaSession.post("/tasks/" + r2Task + "/claim", "");
        assertThat(claimed.status()).as(claimed.raw().body()).isEqualTo(200);
        String annaId = claimed.json().get("assignee").asText();

        // R3, another tenant: its discovery search is running (the connector holds the call) when the server dies
        Api.Reply other = admin.post("/tenants", "{\"slug\":\"searching-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"Searching Ltd\"}");
        assertThat(other.status()).as(other.raw().body()).isEqualTo(201);
        OwnWildFly.Client b = server.withKey(other.json().get("apiKey").get("key").asText());
        Api.Reply http = b.post("/connectors", "{\"name\":\"crm\",\"kind\":\"HTTP\",\"endpointUrl\":\"" + connector.url() + "\"}");
        assertThat(http.status()).as(http.raw().body()).isEqualTo(201);
        Api.Reply searched = b.post("/dsars", "{\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"identity\":\"VERIFIED\",\"subject\":\"crm-7\"}");
        assertThat(searched.status()).as(searched.raw().body()).isEqualTo(201);
        String r3 = searched.json().get("id").asText();
        assertThat(connector.firstCallArrived.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("R3's search reached the connector")
                .isTrue();

        // what the engine holds at the kill
        Map<String, JobRow> r1Jobs = jobs(r1Before.get("processInstanceId").asText());
        String r2Instance = staff.json().get("processInstanceId").asText();
        Map<String, JobRow> r2Jobs = jobs(r2Instance);
        Map<String, JobRow> r3Jobs = jobs(searched.json().get("processInstanceId").asText());
        JsonNode r1Timers = a.get("/dsars/" + r1).json().get("timers");
        JsonNode r2Timers = a.get("/dsars/" + r2).json().get("timers");
        assertThat(r1Jobs.keySet()).containsExactlyInAnyOrder("deadlineWarning", "deadlineBreached", "deadlineEscalation",
                "emailLinkExpired");
        assertThat(r1Jobs.get("emailLinkExpired").due())
                .isEqualTo(Instant.parse(r1Before.get("identityExpiresAt").asText()).truncatedTo(ChronoUnit.MILLIS));
        assertThat(r2Jobs.keySet()).containsExactlyInAnyOrder(DEADLINE_TIMERS.toArray(String[]::new));
        assertThat(r2Jobs.get("deadlineWarning").due()).isEqualTo(r2Warning);
        assertThat(Instant.parse(r2Timers.get("warning").asText())).isEqualTo(r2Warning);
        JobRow running = r3Jobs.values().stream().filter(j -> j.type().equals("message")).findFirst()
                .orElseThrow(() -> new AssertionError("no running step in " + r3Jobs));
        assertThat(running.lockOwner()).as("locked in the node's name").isEqualTo("custodia:" + server.nodeName());
        assertThat(running.lockExpiry()).as("Camunda's lock: five minutes").isAfter(Instant.now().plus(Duration.ofMinutes(4)));
        assertThat(Instant.now()).as("the warning must still be pending at the kill").isBefore(r2Warning.minusSeconds(3));
        assertThat(events(a, r2)).doesNotContain("dsar.deadline.warning");

        server.kill();
        connector.releaseHeldCalls();

        // down: the database holds the same jobs; the warning falls due now, with no server to fire it
        assertThat(jobs(r1Before.get("processInstanceId").asText())).isEqualTo(r1Jobs);
        assertThat(jobs(r2Instance)).isEqualTo(r2Jobs);
        while (Instant.now().isBefore(r2Warning.plusSeconds(1))) {
            Thread.sleep(200);
        }
        assertThat(server.serverLog().contains("WFLYSRV0050")).as("killed, not shut down").isFalse();
        server.start();
        assertThat(Pattern.compile("released \\d+ job locks held by custodia:" + server.nodeName())
                .matcher(server.serverLog()).find()).as("the start released the job lock the killed server left").isTrue();

        // (b) the warning that fell due while the server was down fires once, and its mail reaches Anna once
        await(() -> events(a, r2), e -> e.contains("dsar.deadline.warning"), "R2's warning after the restart");
        await(() -> unsentMail(), n -> n == 0, "the outbox sent");
        assertThat(mailsTo(anna, "Due soon: request " + r2)).hasSize(1);
        assertThat(count("select count(*) from app.mail_outbox where starts_with(subject, ?)", "Due soon: request " + r2))
                .as("queued once").isEqualTo(1);
        assertThat(events(a, r2).stream().filter("dsar.deadline.warning"::equals)).hasSize(1);
        Map<String, JobRow> r2After = jobs(r2Instance);
        assertThat(r2After.keySet()).containsExactlyInAnyOrder("deadlineBreached", "deadlineEscalation");
        assertThat(r2After.get("deadlineBreached")).isEqualTo(r2Jobs.get("deadlineBreached"));
        assertThat(r2After.get("deadlineEscalation")).isEqualTo(r2Jobs.get("deadlineEscalation"));
        assertThat(jobs(r1Before.get("processInstanceId").asText())).as("the same rows, the same due dates").isEqualTo(r1Jobs);
        assertThat(a.get("/dsars/" + r1).json().get("timers")).isEqualTo(r1Timers);
        JsonNode r2Now = a.get("/dsars/" + r2).json();
        assertThat(r2Now.get("timers").get("warning").isNull()).as("fired").isTrue();
        assertThat(r2Now.get("timers").get("breach")).isEqualTo(r2Timers.get("breach"));
        assertThat(r2Now.get("timers").get("escalation")).isEqualTo(r2Timers.get("escalation"));

        // (c) the search cut off by the kill runs again at once, not after its old lock ran out, and only once more
        JsonNode r3Now = await(() -> b.get("/dsars/" + r3).json(), v -> "IN_REVIEW".equals(v.path("status").asText()), "R3 in review");
        assertThat(connector.calls.get(r3)).hasSize(2);
        assertThat(connector.calls.get(r3).get(1)).as("taken again at the start, not when the dead server's lock ran out")
                .isBefore(running.lockExpiry());
        JsonNode step = b.get("/dsars/" + r3 + "/discovery").json().get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("DONE");
        assertThat(step.get("attempts").asInt()).as("the killed attempt left nothing").isEqualTo(1);
        assertThat(events(b, r3)).containsExactly("dsar.received", "dsar.identity.attested", "dsar.acknowledged",
                "dsar.discovery.done", "dsar.package.compiled");
        for (String timer : DEADLINE_TIMERS) {
            assertThat(jobs(r3Now.get("processInstanceId").asText()).get(timer)).isEqualTo(r3Jobs.get(timer));
        }

        // (a) R2's review: the same task, still Anna's (her session too survived); her approval closes the request
        JsonNode same = annaSession.get("/tasks/" + r2Task).json();
        assertThat(same.get("assignee").asText()).isEqualTo(annaId);
        assertThat(same.get("businessKey").asText()).isEqualTo(r2);
        Api.Reply approved = annaSession.post("/tasks/" + r2Task + "/complete", "{\"decision\":\"APPROVE\"}");
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        await(() -> a.get("/dsars/" + r2).json(), v -> "CLOSED".equals(v.path("status").asText()), "R2 closed");
        assertThat(jobs(r2Instance)).as("its timers ended with its open part").isEmpty();
        assertThat(events(a, r2)).containsExactly("dsar.received", "dsar.identity.attested", "dsar.acknowledged",
                "dsar.package.compiled", "dsar.deadline.warning", "dsar.delivered", "dsar.delivery.manual_needed", "dsar.closed");

        // (a) R1: the link mailed before the kill still confirms; the request goes on through review to CLOSED
        assertThat(TestMailServer.to(subjectEmail)).as("no second link after the restart").hasSize(1);
        Api.Reply confirmed = server.anonymous().post("/public/dsars/confirm", "{\"token\":\"" + token + "\"}");
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        await(() -> a.get("/dsars/" + r1).json(), v -> "IN_REVIEW".equals(v.path("status").asText()), "R1 in review");
        assertThat(a.get("/dsars/" + r1).json().get("processInstanceId")).isEqualTo(r1Before.get("processInstanceId"));
        assertThat(TestMailServer.text(TestMailServer.awaitMessage(subjectEmail, 2, PATIENCE))).contains(r1);
        JsonNode r1Task = await(() -> taskOf(annaSession, r1), t -> t != null, "R1's review task");
        assertThat(annaSession.post("/tasks/" + r1Task.get("id").asText() + "/complete", "{\"decision\":\"APPROVE\"}").status())
                .isEqualTo(200);
        await(() -> a.get("/dsars/" + r1).json(), v -> "CLOSED".equals(v.path("status").asText()), "R1 closed");
        assertThat(jobs(r1Before.get("processInstanceId").asText())).isEmpty();
        assertThat(events(a, r1)).containsOnlyOnce("dsar.received", "dsar.identity.link_sent", "dsar.identity.awaited",
                "dsar.identity.confirmed", "dsar.acknowledged", "dsar.closed");
        // the third and last mail to the subject: the answer's single-use download link
        assertThat(TestMailServer.text(TestMailServer.awaitMessage(subjectEmail, 3, PATIENCE))).contains("dsd_");
        assertThat(TestMailServer.to(subjectEmail)).hasSize(3);
        assertThat(TestMailServer.to(anna)).as("the invitation and the one warning").hasSize(2);

        // the audit chains came through the kill whole
        assertThat(a.get("/audit/verify").json().get("intact").asBoolean()).isTrue();
        assertThat(b.get("/audit/verify").json().get("intact").asBoolean()).isTrue();
    }

    /** Invites an APPROVER, accepts through the mailed link, signs in: her session. */
    private OwnWildFly.Client acceptedApprover(OwnWildFly.Client tenant, String slug, String email) throws InterruptedException {
        Api.Reply invited = tenant.post("/users/invitations", "{\"email\":\"" + email + "\",\"role\":\"APPROVER\"}");
        assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
        String token = TestMailServer.tokenIn(TestMailServer.awaitMessage(email, 1, PATIENCE));
        Api.Reply accepted = server.anonymous().post("/auth/invitations/accept",
                "{\"token\":\"" + token + "\",\"password\":\"" + Accounts.PASSWORD + "\"}");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        Api.Reply signedIn = server.anonymous().post("/auth/login", "{\"tenant\":\"" + slug + "\",\"email\":\"" + email
                + "\",\"password\":\"" + Accounts.PASSWORD + "\"}");
        assertThat(signedIn.status()).as(signedIn.raw().body()).isEqualTo(200);
        return server.withSession(Api.sessionFrom(signedIn));
    }

    private static JsonNode taskOf(OwnWildFly.Client approver, String dsarId) {
        for (JsonNode t : approver.get("/tasks").json()) {
            if (dsarId.equals(t.get("businessKey").asText())) {
                return t;
            }
        }
        return null;
    }

    /** The request's audit event types, oldest first. */
    private static List<String> events(OwnWildFly.Client tenant, String dsarId) {
        List<String> types = new ArrayList<>();
        for (JsonNode e : tenant.get("/audit/events?limit=1000").json()) {
            if (dsarId.equals(e.get("entityId").asText())) {
                types.add(e.get("eventType").asText());
            }
        }
        return types;
    }

    /** The instance's jobs by activity (its timers' and steps' ids), read as superuser. */
    private Map<String, JobRow> jobs(String processInstanceId) throws SQLException {
        try (Connection c = server.superuser();
             PreparedStatement s = c.prepareStatement("select j.id_, d.act_id_, j.type_, j.duedate_, j.lock_owner_, j.lock_exp_time_"
                     + " from engine.act_ru_job j left join engine.act_ru_jobdef d on d.id_ = j.job_def_id_"
                     + " where j.process_instance_id_ = ?")) {
            s.setString(1, processInstanceId);
            List<JobRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new JobRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                            rs.getString(5), instant(rs.getTimestamp(6))));
                }
            }
            return rows.stream().collect(Collectors.toMap(JobRow::activity, j -> j));
        }
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private long unsentMail() {
        try {
            return count("select count(*) from app.mail_outbox where sent_at is null");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, String... args) throws SQLException {
        try (Connection c = server.superuser(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<MimeMessage> mailsTo(String address, String subjectPrefix) {
        return TestMailServer.to(address).stream().filter(m -> {
            try {
                return m.getSubject().startsWith(subjectPrefix);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String linkToken(MimeMessage mail) {
        Matcher m = LINK_TOKEN.matcher(TestMailServer.text(mail));
        assertThat(m.find()).as("a confirmation link in the mail").isTrue();
        return m.group(1);
    }

    private static <T> T await(Supplier<T> read, Predicate<T> wanted, String what) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        T last;
        do {
            last = read.get();
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(until));
        throw new AssertionError("waited " + PATIENCE + " for " + what + "; last: " + last);
    }
}
