package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.custodia.reports.testing.Pdfsig;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A data subject request end to end on WildFly + PostgreSQL + GreenMail with a second real database
 * ({@code custodia_e2e_sample}, created here): the public form, the email confirmation through the mailed link, the
 * acknowledgement, discovery in the sample database, the response package (JSON + PAdES-signed PDF/A) previewed by the
 * reviewer, the review approved by an APPROVER user through /tasks, the "response ready" mail, the package downloaded
 * once through its link (a second download refused), the request closed. A request left open gets the warning,
 * breach and escalation mails; a refused one the refusal notice with the reviewer's reason and the right to complain.
 */
@ExtendWith(ArquillianExtension.class)
class DsarEndToEndIT {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String SAMPLE_DB = "custodia_e2e_sample";
    static final String READER = "custodia_e2e_reader";
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final Pattern CONFIRM_TOKEN = Pattern.compile("(dsv_[A-Za-z0-9_-]{43})");
    static final Pattern DOWNLOAD_TOKEN = Pattern.compile("(dsd_[A-Za-z0-9_-]{43})");
    static final HttpClient BINARY = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String ADA = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    /** An address typed by staff for C-4, never confirmed by the subject. */
    static final String TYPED = "typed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    static final String GRACE = "grace-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @BeforeAll
    static void sampleDatabase() throws Exception {
        TestDatabase.recreateSampleDatabase(SAMPLE_DB, READER, PASSWORD);
        try (Connection c = TestDatabase.superuser(SAMPLE_DB); Statement s = c.createStatement()) {
            s.execute("create table customers (customer_no text primary key, name text not null, email text not null)");
            s.execute("create table orders (order_no text primary key, customer_no text not null, total numeric(10,2) not null)");
            s.execute("insert into customers values ('C-1', 'Ada Lovelace', '" + ADA + "'), ('C-2', 'Grace Hopper', '" + GRACE + "'),"
                    + " ('C-3', 'Alan Turing', 'alan@example.org'), ('C-4', 'Katherine Johnson', '" + TYPED + "')");
            s.execute("insert into orders values ('ORD-1001', 'C-1', 19.90), ('ORD-1002', 'C-1', 5.00), ('ORD-3001', 'C-3', 7.00)");
            s.execute("grant select on customers, orders to " + READER);
        }
    }

    /** A JDBC connector into the sample database, searching by the subject's confirmed address. */
    static void connectSampleDatabase(Api.Tenant t) {
        String url = "jdbc:postgresql://127.0.0.1:" + ItEnvironment.pgPort() + "/" + SAMPLE_DB;
        Api.Reply r = t.api().post("/connectors", "{\"name\":\"Shop database\",\"kind\":\"JDBC\",\"jdbcUrl\":\"" + url
                + "\",\"user\":\"" + READER + "\",\"password\":\"" + PASSWORD + "\",\"queries\":["
                + "{\"category\":\"profile\",\"sql\":\"select name, email from customers where email = :email\"},"
                + "{\"category\":\"orders\",\"sql\":\"select o.order_no, o.total from orders o join customers c"
                + " on c.customer_no = o.customer_no where c.email = :email order by o.order_no\"}]}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    }

    @Test
    void aPublicRequestIsAnsweredWithASignedPackageDownloadedOnceThroughTheMailedLink() throws Exception {
        Api.Tenant t = Api.newTenant("e2e");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"country\":\"DE\"}").status()).isEqualTo(200);
        connectSampleDatabase(t);
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");

        // public intake, then the email confirmation through the link read from the mail
        String reference = submitAndConfirm(t, ADA, "ACCESS", "en");
        MimeMessage acknowledgement = TestMailServer.awaitMessage(ADA, 2, PATIENCE);
        assertThat(acknowledgement.getSubject()).startsWith("We received your request " + reference);

        // discovery in the second database, then the package waits for review
        Api reviewer = dpo.session();
        JsonNode inReview = await(() -> t.api().get("/dsars/" + reference).json(), r -> "IN_REVIEW".equals(r.path("status").asText()),
                "the request in review");
        assertThat(inReview.get("jurisdiction").asText()).isEqualTo("EU_GDPR");
        JsonNode steps = t.api().get("/dsars/" + reference + "/discovery").json().get("steps");
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).get("status").asText()).isEqualTo("DONE");

        Api.Reply meta = reviewer.get("/dsars/" + reference + "/package");
        assertThat(meta.status()).as(meta.raw().body()).isEqualTo(200);
        assertThat(meta.json().get("rows").asInt()).isEqualTo(3); // one profile, two orders
        assertThat(meta.json().get("connectors").asInt()).isEqualTo(1);
        assertThat(meta.json().get("carriesData").asBoolean()).isTrue();
        assertThat(meta.json().get("compilations").asInt()).isEqualTo(1);
        assertThat(meta.raw().body()).doesNotContain(ADA);
        byte[] previewPdf = binary(reviewer.request("/dsars/" + reference + "/package/summary.pdf").GET(), 200, "application/pdf");
        assertThat(sha256(previewPdf)).isEqualTo(meta.json().get("pdfSha256").asText());
        assertThat(Pdfsig.report(previewPdf)).contains("Signature Validation: Signature is Valid.", "Total document signed",
                "ETSI.CAdES.detached");
        byte[] previewJson = binary(reviewer.request("/dsars/" + reference + "/package/response.json").GET(), 200, "application/json");
        assertThat(sha256(previewJson)).isEqualTo(meta.json().get("jsonSha256").asText());
        assertThat(Api.anonymous().get("/dsars/" + reference + "/package").status()).isEqualTo(401);
        Api.Reply auditor = Api.withKey(key(t, "AUDITOR")).get("/dsars/" + reference + "/package");
        assertThat(auditor.status()).as("the package holds personal data: reviewers only").isEqualTo(403);

        // the APPROVER approves the review through /tasks; delivery and closing follow
        String taskId = awaitTask(reviewer, reference);
        Api.Reply approved = reviewer.post("/tasks/" + taskId + "/complete", "{\"decision\":\"APPROVE\"}");
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        JsonNode closed = await(() -> t.api().get("/dsars/" + reference).json(), r -> "CLOSED".equals(r.path("status").asText()),
                "the request closed");
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");

        // "response ready" to the confirmed address, with a single-use link
        MimeMessage ready = TestMailServer.awaitMessage(ADA, 3, PATIENCE);
        assertThat(ready.getSubject()).isEqualTo("The answer to your request " + reference + " is ready (e2e Ltd)");
        String mailText = TestMailServer.text(ready);
        assertThat(mailText).doesNotContain("Ada Lovelace", "ORD-1001");
        String token = token(DOWNLOAD_TOKEN, mailText);
        assertThat(mailText).as("the privacy center's download page, the token in the fragment")
                .containsPattern("/privacy/" + t.slug() + "/download(\\?lang=[A-Za-z-]+)?#" + token);

        // looking (a mail scanner, a preview) uses nothing
        for (int i = 0; i < 2; i++) {
            Api.Reply look = look(token);
            assertThat(look.status()).as(look.raw().body()).isEqualTo(200);
            assertThat(look.json().get("state").asText()).isEqualTo("VALID");
            assertThat(look.json().get("organisation").asText()).isEqualTo("e2e Ltd");
            assertThat(Instant.parse(look.json().get("expiresAt").asText()))
                    .isBetween(Instant.now().plus(Duration.ofDays(14)).minusSeconds(300), Instant.now().plus(Duration.ofDays(14)));
        }

        Api.Reply page = Api.anonymous().send(Api.anonymous().request("/public/dsars/download?token=" + token)
                .header("Accept", "text/html").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.raw().body()).contains("<form method=\"post\"", token, "e2e Ltd").doesNotContain(ADA);

        // the download: a zip of response.json, summary.pdf and their manifest
        byte[] zip = binary(Api.anonymous().request("/public/dsars/download").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")), 200, "application/zip");
        Map<String, byte[]> files = unzip(zip);
        assertThat(files).containsOnlyKeys("response.json", "summary.pdf", "manifest.json");
        JsonNode response = Api.JSON.readTree(files.get("response.json"));
        assertThat(response.get("request").get("reference").asText()).isEqualTo(reference);
        assertThat(response.get("request").get("type").asText()).isEqualTo("ACCESS");
        assertThat(response.get("request").get("jurisdiction").asText()).isEqualTo("EU_GDPR");
        JsonNode shop = response.get("data").get("Shop database");
        assertThat(shop.get("profile").get(0).get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(shop.get("profile").get(0).get("email").asText()).isEqualTo(ADA);
        assertThat(shop.get("orders")).hasSize(2);
        assertThat(shop.get("orders").get(0).get("order_no").asText()).isEqualTo("ORD-1001");
        assertThat(new String(files.get("response.json"), StandardCharsets.UTF_8)).doesNotContain("Alan Turing", "ORD-3001", GRACE);
        JsonNode manifest = Api.JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("files").get(0).get("sha256").asText()).isEqualTo(sha256(files.get("response.json")))
                .isEqualTo(meta.json().get("jsonSha256").asText());
        assertThat(manifest.get("files").get(1).get("sha256").asText()).isEqualTo(sha256(files.get("summary.pdf")))
                .isEqualTo(meta.json().get("pdfSha256").asText());
        String pdfsig = Pdfsig.report(files.get("summary.pdf"));
        assertThat(pdfsig).contains("Signature Validation: Signature is Valid.", "Total document signed", "ETSI.CAdES.detached",
                "Custodia evidence signing"); // the tenant's own evidence key

        // once only: the second download is refused and the link now reads as used; unknown links are refused too
        Api.Reply second = Api.anonymous().post("/public/dsars/download", "{\"token\":\"" + token + "\"}");
        assertThat(second.status()).isEqualTo(410);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.raw().body()).contains("used already").doesNotContain(ADA);
        assertThat(look(token).json().get("state").asText()).isEqualTo("USED");
        assertThat(look("dsd_" + "B".repeat(43)).status()).as("unknown, like expired").isEqualTo(410);
        Api.Reply unknown = Api.anonymous().post("/public/dsars/download", "{\"token\":\"dsd_" + "A".repeat(43) + "\"}");
        assertThat(unknown.status()).isEqualTo(410);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(Api.anonymous().post("/public/dsars/download", "{\"token\":\"nonsense\"}").status()).isEqualTo(410);

        // every step and every attempt audited, with ids and outcomes, never the subject's data or the token
        Api.Reply events = t.api().get("/audit/events?limit=1000");
        assertThat(events.raw().body()).contains("dsar.package.compiled", "dsar.package.viewed", "dsar.delivered",
                "dsar.package.link_sent", "dsar.package.downloaded", "dsar.package.download_refused", "dsar.closed");
        assertThat(events.raw().body()).doesNotContain(ADA, "Ada Lovelace", "ORD-1001", token);
        assertThat(t.api().get("/dsars/" + reference).json().get("status").asText()).isEqualTo("CLOSED");

        // the subject's download broke off: a reviewer mails a new link, which works once; the old one stays used
        assertThat(Api.withKey(key(t, "AUDITOR")).post("/dsars/" + reference + "/package/link", "{}").status()).isEqualTo(403);
        Api.Reply reissued = reviewer.post("/dsars/" + reference + "/package/link", "{}");
        assertThat(reissued.status()).as(reissued.raw().body()).isEqualTo(202);
        String newToken = token(DOWNLOAD_TOKEN, TestMailServer.text(TestMailServer.awaitMessage(ADA, 4, PATIENCE)));
        assertThat(newToken).isNotEqualTo(token);
        assertThat(look(newToken).json().get("state").asText()).isEqualTo("VALID");
        assertThat(Api.anonymous().post("/public/dsars/download", "{\"token\":\"" + newToken + "\"}").status()).isEqualTo(200);
        assertThat(Api.anonymous().post("/public/dsars/download", "{\"token\":\"" + newToken + "\"}").status()).isEqualTo(410);
        assertThat(look(token).json().get("state").asText()).isEqualTo("USED");
        assertThat(t.api().get("/audit/events?limit=1000").raw().body()).contains("dsar.package.link_reissued").doesNotContain(newToken);

        // storage limitation: once the request has ended and no link is open, the answer's contents go after the
        // tenant's retention; its hashes stay, opening or re-sending it is refused (410), the purge is audited
        JsonNode kept = reviewer.get("/dsars/" + reference + "/package").json();
        ObjectNode intake = (ObjectNode) t.api().get("/settings/dsar-intake").json();
        assertThat(intake.get("packageRetention").asText()).isEqualTo("P30D");
        intake.put("packageRetention", "PT1S");
        assertThat(t.api().put("/settings/dsar-intake", intake.toString()).status()).isEqualTo(200);
        assertThat(reviewer.post("/dsars/" + reference + "/package/link", "{}").status()).isEqualTo(202);
        String openToken = token(DOWNLOAD_TOKEN, TestMailServer.text(TestMailServer.awaitMessage(ADA, 5, PATIENCE)));
        assertThat(t.api().post("/admin/dsar-packages/purge", "").status()).as("operator only").isEqualTo(401);
        assertThat(Api.admin().post("/admin/dsar-packages/purge", "").status()).isEqualTo(200);
        assertThat(reviewer.get("/dsars/" + reference + "/package").json().get("purgedAt").isNull())
                .as("an open link keeps the answer").isTrue();
        assertThat(Api.anonymous().post("/public/dsars/download", "{\"token\":\"" + openToken + "\"}").status()).isEqualTo(200);
        assertThat(discoveredRowsKept(t, reference)).isPositive();
        Thread.sleep(1_500); // the retention (PT1S) counts from the last use of a link
        assertThat(Api.admin().post("/admin/dsar-packages/purge", "").json().get("tenantsPurged").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(discoveredRowsKept(t, reference)).as("the rows discovery found go with the answer").isZero();
        JsonNode purged = reviewer.get("/dsars/" + reference + "/package").json();
        assertThat(purged.get("purgedAt").isNull()).isFalse();
        assertThat(purged.get("jsonSha256").asText()).isEqualTo(kept.get("jsonSha256").asText());
        assertThat(purged.get("pdfSha256").asText()).isEqualTo(kept.get("pdfSha256").asText());
        for (String file : new String[] {"/summary.pdf", "/response.json", "/archive.zip"}) {
            Api.Reply gone = reviewer.get("/dsars/" + reference + "/package" + file);
            assertThat(gone.status()).as(file).isEqualTo(410);
            assertThat(gone.contentType()).startsWith("application/problem+json");
            assertThat(gone.raw().body()).contains("package-purged");
        }
        assertThat(reviewer.post("/dsars/" + reference + "/package/link", "{}").status()).isEqualTo(410);
        assertThat(t.api().get("/audit/events?limit=1000").raw().body()).contains("dsar.package.purged");
        assertThat(Api.admin().post("/admin/dsar-packages/purge", "").json().get("tenantsPurged").asInt())
                .as("nothing left to purge here; other tenants keep theirs for 30 days").isZero();

        // sent mail forgets its address and text after CUSTODIA_MAIL_KEEP_SENT (PT3S here); subject and times stay
        UUID givenUp = parkedMail(t); // mail given up on after its last try forgets its text the same way
        // the last mails may have left less than 3 s ago: wait until at least five are past their keep time
        String stale = "sent_at < now() - interval '3 seconds' and recipient is not null";
        String forgotten = "sent_at is not null and recipient is null and body is null and html is null"
                + " and subject is not null";
        // and the parked mail, inserted just now, waits for the next round of the forgetting job
        String parkedForgotten = "id = '" + givenUp + "' and recipient is null and body is null and subject = 'given up'";
        long deadline = System.currentTimeMillis() + 30_000;
        while ((outboxCount(t, stale) > 0 || outboxCount(t, forgotten) < 5 || outboxCount(t, parkedForgotten) < 1)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertThat(outboxCount(t, stale)).isZero();
        assertThat(outboxCount(t, forgotten)).isGreaterThanOrEqualTo(5);
        assertThat(outboxCount(t, parkedForgotten)).isEqualTo(1);
    }

    /** A mail queued an hour ago and given up on after its 20th failed try (as MailRetryPolicy parks it). */
    static UUID parkedMail(Api.Tenant t) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = TestDatabase.owner()) {
            c.setAutoCommit(false);
            RowLevelSecurityIT.bind(c, t.id());
            try (PreparedStatement st = c.prepareStatement("insert into app.mail_outbox (id, tenant_id, recipient,"
                    + " subject, body, created_at, attempts, next_try_at, last_error) values (?, ?, '\\x00', 'given up',"
                    + " '\\x00', now() - interval '1 hour', 20, timestamptz '9999-01-01 00:00:00+00', 'MessagingException')")) {
                st.setObject(1, id);
                st.setObject(2, t.id());
                st.executeUpdate();
            }
            c.commit();
        }
        return id;
    }

    /** The tenant's outbox rows matching {@code where}. */
    static int outboxCount(Api.Tenant t, String where) throws SQLException {
        try (Connection c = TestDatabase.owner()) {
            c.setAutoCommit(false);
            RowLevelSecurityIT.bind(c, t.id());
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from app.mail_outbox where " + where)) {
                rs.next();
                return rs.getInt(1);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void aRequestLeftOpenGetsTheWarningBreachAndEscalationMails() throws Exception {
        Api.Tenant t = Api.newTenant("e2e-open");
        connectSampleDatabase(t);
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");
        Accounts.Account admin = Accounts.invited(t, "ADMIN");
        Api.Reply sla = t.api().put("/settings/sla",
                "{\"rows\":[{\"process\":\"dsar\",\"type\":\"*\",\"warningBefore\":\"P7D\",\"escalationAfter\":\"PT1M\"}]}");
        assertThat(sla.status()).as(sla.raw().body()).isEqualTo(200);
        // received 60 days ago under the CCPA (45 days): warning, deadline and escalation have all passed
        Api.Reply created = t.api().post("/dsars", "{\"type\":\"ACCESS\",\"jurisdiction\":\"US_CA_CCPA\",\"identity\":\"VERIFIED\",\"subject\":\"C-2\",\"email\":\"" + GRACE
                + "\",\"receivedAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(60, ChronoUnit.DAYS) + "\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        MimeMessage warning = awaitMail(dpo.email(), "Due soon: request " + id);
        MimeMessage breach = awaitMail(dpo.email(), "Overdue: request " + id);
        MimeMessage escalation = awaitMail(admin.email(), "Escalated: request " + id);
        for (MimeMessage m : List.of(warning, breach, escalation)) {
            assertThat(TestMailServer.text(m)).contains(id, "ACCESS", "US_CA_CCPA").doesNotContain(GRACE, "Grace Hopper");
        }
        JsonNode open = await(() -> t.api().get("/dsars/" + id).json(),
                r -> r.path("escalatedAt").isTextual() && "IN_REVIEW".equals(r.path("status").asText()), "escalated, waiting for review");
        assertThat(open.get("breached").asBoolean()).isTrue();
        assertThat(open.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(TestMailServer.to(GRACE).stream().map(DsarEndToEndIT::subjectOf))
                .as("the subject hears of the answer, not of the organisation's deadlines").noneMatch(s -> s.contains("Overdue"));
    }

    @Test
    void aRefusedRequestGetsTheRefusalNoticeWithTheReasonAndTheRightToComplain() throws Exception {
        Api.Tenant t = Api.newTenant("e2e-refusal");
        assertThat(t.api().put("/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"country\":\"DE\"}").status()).isEqualTo(200);
        connectSampleDatabase(t);
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");
        String email = "refused-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String reference = submitAndConfirm(t, email, "PORTABILITY", "de");
        Api reviewer = dpo.session();

        // the reviewer first asks for changes: the package is compiled again, replacing the first
        String first = awaitTask(reviewer, reference);
        Api.Reply changes = reviewer.post("/tasks/" + first + "/complete",
                "{\"decision\":\"REQUEST_CHANGES\",\"comment\":\"check the orders once more\"}");
        assertThat(changes.status()).as(changes.raw().body()).isEqualTo(200);
        JsonNode recompiled = await(() -> reviewer.get("/dsars/" + reference + "/package").json(),
                p -> p.path("compilations").asInt() == 2, "the package compiled again");
        assertThat(recompiled.get("rows").asInt()).isZero(); // nobody with this address in the sample database

        String reason = "Sie haben dieselbe Auskunft in diesem Monat bereits dreimal erhalten <b>& erneut</b> angefragt.";
        String second = awaitTask(reviewer, reference);
        assertThat(second).isNotEqualTo(first);
        Api.Reply refused = reviewer.post("/tasks/" + second + "/complete",
                "{\"decision\":\"REJECT\",\"reason\":\"" + reason + "\"}");
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(200);
        await(() -> t.api().get("/dsars/" + reference).json(), r -> "REFUSED".equals(r.path("status").asText()), "refused");

        MimeMessage notice = awaitMail(email, "Ihre Anfrage " + reference);
        assertThat(notice.getSubject()).isEqualTo("Ihre Anfrage " + reference + ": e2e-refusal Ltd wird ihr nicht nachkommen");
        String text = TestMailServer.text(notice);
        assertThat(text).contains(reason, "Beschwerde bei einer Aufsichtsbehörde", "gerichtlichen Rechtsbehelf",
                "DSGVO Artikel 12 Absatz 4, 77 und 79");
        assertThat(TestMailServer.html(notice)).contains("&lt;b&gt;&amp; erneut&lt;/b&gt;").doesNotContain("<b>& erneut</b>");
        assertThat(TestMailServer.to(email).stream().map(DsarEndToEndIT::subjectOf))
                .as("no answer is delivered for a refused request").noneMatch(s -> s.contains("Antwort"));
        assertThat(t.api().get("/audit/events?limit=1000").raw().body()).contains("dsar.refused", "dsar.refusal_notice.sent")
                .doesNotContain(reason);
    }

    /** Submits through the public form and confirms the address through the mailed link; returns the reference. */
    @Test
    void dataIsNotMailedToAnAddressOnlyStaffTyped() throws Exception {
        Api.Tenant t = Api.newTenant("e2e-typed");
        connectSampleDatabase(t);
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");
        Api.Reply created = t.api().post("/dsars", "{\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"identity\":\"VERIFIED\","
                + "\"subject\":\"C-4\",\"email\":\"" + TYPED + "\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Api reviewer = dpo.session();
        String taskId = awaitTask(reviewer, id);
        assertThat(reviewer.post("/tasks/" + taskId + "/complete", "{\"decision\":\"APPROVE\"}").status()).isEqualTo(200);
        await(() -> t.api().get("/dsars/" + id).json(), r -> "CLOSED".equals(r.path("status").asText()), "the request closed");

        // the typed address had its acknowledgement, never the data: staff deliver the archive by hand
        List<String> manual = new ArrayList<>();
        for (JsonNode e : t.api().get("/audit/events?limit=1000").json()) {
            if (id.equals(e.get("entityId").asText()) && "dsar.delivery.manual_needed".equals(e.get("eventType").asText())) {
                manual.add(e.get("payload").toString());
            }
        }
        assertThat(manual).singleElement().asString().contains("address not confirmed by the subject");
        TestMailServer.awaitMessage(TYPED, 1, PATIENCE);
        assertThat(TestMailServer.to(TYPED)).hasSize(1);
        assertThat(TestMailServer.text(TestMailServer.to(TYPED).get(0))).doesNotContain("dsd_");
        Map<String, byte[]> archive = unzip(binary(reviewer.request("/dsars/" + id + "/package/archive.zip").GET(), 200,
                "application/zip"));
        assertThat(new String(archive.get("response.json"), StandardCharsets.UTF_8)).contains("Katherine Johnson");
        Api.Reply reissue = reviewer.post("/dsars/" + id + "/package/link", "{}");
        assertThat(reissue.status()).as("no link to a typed address later either").isEqualTo(409);
        assertThat(reissue.raw().body()).contains("address not confirmed by the subject");
    }

    static String submitAndConfirm(Api.Tenant t, String email, String type, String language) throws Exception {
        Api.Reply accepted = Api.anonymous().post("/public/" + t.slug() + "/dsars",
                "{\"type\":\"" + type + "\",\"email\":\"" + email + "\",\"language\":\"" + language + "\"}");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        String reference = accepted.json().get("reference").asText();
        String confirmToken = token(CONFIRM_TOKEN, TestMailServer.text(TestMailServer.awaitMessage(email, 1, PATIENCE)));
        Api.Reply confirmed = Api.anonymous().post("/public/dsars/confirm", "{\"token\":\"" + confirmToken + "\"}");
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        return reference;
    }

    /** Looks at a download link as JSON (the mail scanner's or a script's view). */
    static Api.Reply look(String token) {
        return Api.anonymous().send(Api.anonymous().request("/public/dsars/download?token=" + token)
                .header("Accept", "application/json").GET());
    }

    static String key(Api.Tenant t, String role) {
        Api.Reply r = t.api().post("/api-keys", "{\"name\":\"" + role.toLowerCase() + "-" + UUID.randomUUID() + "\",\"role\":\"" + role + "\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("key").asText();
    }

    static String token(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("a link token in: " + text).isTrue();
        return m.group(1);
    }

    static byte[] binary(HttpRequest.Builder request, int status, String contentType) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = BINARY.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(contentType);
        return r.body();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** The open task of a request (by its business key), as the reviewer's list shows it. */
    /** Discovery results of the request that still hold the found rows (sealed). */
    static int discoveredRowsKept(Api.Tenant t, String dsarId) throws SQLException {
        try (Connection c = TestDatabase.owner()) {
            c.setAutoCommit(false);
            RowLevelSecurityIT.bind(c, t.id()); // row-level security is forced on the owner too
            try (PreparedStatement ps = c.prepareStatement("select count(*) from app.dsar_discovery_result"
                    + " where dsar_id = ? and sealed_data is not null")) {
                ps.setObject(1, java.util.UUID.fromString(dsarId));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            } finally {
                c.rollback();
            }
        }
    }

    static String awaitTask(Api reviewer, String businessKey) throws InterruptedException {
        return await(() -> {
            for (JsonNode task : reviewer.get("/tasks").json()) {
                if (businessKey.equals(task.get("businessKey").asText())) {
                    return task;
                }
            }
            return null;
        }, task -> task != null, "a review task for " + businessKey).get("id").asText();
    }

    interface Read {
        JsonNode read();
    }

    static JsonNode await(Read read, Predicate<JsonNode> wanted, String what) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        JsonNode last;
        do {
            last = read.read();
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(until));
        throw new AssertionError("waited for " + what + "; last: " + last);
    }

    static MimeMessage awaitMail(String address, String subjectPrefix) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        do {
            for (MimeMessage m : TestMailServer.to(address)) {
                if (subjectOf(m).startsWith(subjectPrefix)) {
                    return m;
                }
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(until));
        throw new AssertionError("no mail \"" + subjectPrefix + "...\" for " + address + " within " + PATIENCE);
    }

    static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
