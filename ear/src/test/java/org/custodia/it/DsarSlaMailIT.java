package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.custodia.dsar.domain.DsarDeadlinePolicy;
import org.custodia.dsar.domain.Jurisdiction;
import org.custodia.notification.domain.MailDates;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The deadline mails of open requests on WildFly + PostgreSQL + GreenMail, with the tenant's service levels set so
 * the timers fall due within the test: the warning reaches whoever works the request (else the APPROVER users), the
 * breach the assignee and the APPROVER users, the escalation the ADMIN users; a delegated task mails its new assignee.
 * Every mail names the request by reference, type, jurisdiction and due date, never by its subject. Then the DPO
 * summary counts the tenant's requests.
 */
@ExtendWith(ArquillianExtension.class)
class DsarSlaMailIT {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final ZoneId TENANT_ZONE = ZoneId.of("UTC"); // the tenant calendar's default

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void deadlineMailsReachTheRightPeopleWithoutPersonalData_andTheSummaryCountsTheRequests() throws Exception {
        Api.Tenant t = Api.newTenant("sla-mail");
        Accounts.Account anna = Accounts.invited(t, "APPROVER");
        Accounts.Account ben = Accounts.invited(t, "APPROVER");
        Accounts.Account carl = Accounts.invited(t, "ADMIN");
        Accounts.Account mia = Accounts.invited(t, "MANAGER");
        String pendingApprover = Accounts.uniqueEmail("pending");
        assertThat(t.api().post("/users/invitations", "{\"email\":\"" + pendingApprover + "\",\"role\":\"APPROVER\"}").status())
                .isEqualTo(201); // invited, never accepted: no proven address, so no deadline mail

        // "soon": received now, warned ~75 s from now (the ACCESS row's lead is set to land there)
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant soonDue = DsarDeadlinePolicy.deadline(Jurisdiction.US_CA_CCPA, now, ZoneOffset.UTC).dueAt();
        Duration lead = Duration.between(now.plusSeconds(75), soonDue).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply sla = t.api().put("/settings/sla", "{\"rows\":["
                + "{\"process\":\"dsar\",\"type\":\"ACCESS\",\"warningBefore\":\"" + lead + "\",\"escalationAfter\":\"PT1M\"},"
                + "{\"process\":\"dsar\",\"type\":\"*\",\"warningBefore\":\"P7D\",\"escalationAfter\":\"PT1M\"}]}");
        assertThat(sla.status()).as(sla.raw().body()).isEqualTo(200);

        String soonSubject = "subj-" + UUID.randomUUID();
        JsonNode soon = submit(t, "ACCESS", soonSubject, now);
        String soonId = soon.get("id").asText();
        assertThat(Instant.parse(soon.get("dueAt").asText())).isEqualTo(soonDue);
        assertThat(Instant.parse(soon.get("warningAt").asText())).isEqualTo(soonDue.minus(lead)).isAfter(Instant.now());

        // "late": received 60 days ago, so warning, breach and escalation (due + 1 minute) are all past
        String lateSubject = "subj-" + UUID.randomUUID();
        JsonNode late = submit(t, "ERASURE", lateSubject, now.minus(60, ChronoUnit.DAYS));
        String lateId = late.get("id").asText();

        // "this week": received 40 days ago, due in about five days; its warning (7 days before) is past
        String weekSubject = "subj-" + UUID.randomUUID();
        JsonNode week = submit(t, "PORTABILITY", weekSubject, now.minus(40, ChronoUnit.DAYS));
        String weekId = week.get("id").asText();

        // Anna claims the soon request's review and hands it to Ben, who is mailed about it
        Api annaApi = anna.session();
        JsonNode task = awaitTask(annaApi, soonId).orElseThrow(() -> new AssertionError("no review task for " + soonId));
        String taskId = task.get("id").asText();
        assertThat(annaApi.post("/tasks/" + taskId + "/claim", "").status()).isEqualTo(200);
        Api.Reply delegated = annaApi.post("/tasks/" + taskId + "/delegate", "{\"userId\":\"" + ben.userId() + "\"}");
        assertThat(delegated.status()).as(delegated.raw().body()).isEqualTo(200);
        MimeMessage assigned = awaitMail(ben.email(), "Task for you: request " + soonId);
        assertNotice(assigned, soonId, "ACCESS", soonDue, soonSubject);
        assertThat(mailsFor(anna.email(), "Task for you")).as("the delegator is not mailed").isEmpty();

        // the late request: nobody works it, so its warning and breach go to both APPROVERs, its escalation to the ADMIN
        Instant lateDue = Instant.parse(late.get("dueAt").asText());
        for (Accounts.Account approver : List.of(anna, ben)) {
            assertNotice(awaitMail(approver.email(), "Due soon: request " + lateId), lateId, "ERASURE", lateDue, lateSubject);
            assertNotice(awaitMail(approver.email(), "Overdue: request " + lateId), lateId, "ERASURE", lateDue, lateSubject);
        }
        assertNotice(awaitMail(carl.email(), "Escalated: request " + lateId), lateId, "ERASURE", lateDue, lateSubject);
        assertNotice(awaitMail(anna.email(), "Due soon: request " + weekId), weekId, "PORTABILITY",
                Instant.parse(week.get("dueAt").asText()), weekSubject);

        // the soon request's warning goes to Ben, who works it, and to nobody else
        assertNotice(awaitMail(ben.email(), "Due soon: request " + soonId), soonId, "ACCESS", soonDue, soonSubject);

        // nobody else heard of anything: not the ADMIN of warnings and breaches, not the MANAGER, not the pending APPROVER
        assertThat(mailsFor(anna.email(), "Due soon: request " + soonId)).isEmpty();
        assertThat(mailsFor(carl.email(), "Due soon")).isEmpty();
        assertThat(mailsFor(carl.email(), "Overdue")).isEmpty();
        assertThat(mailsFor(anna.email(), "Escalated")).isEmpty();
        assertThat(TestMailServer.to(mia.email())).hasSize(1); // the invitation only
        assertThat(TestMailServer.to(pendingApprover)).hasSize(1); // the invitation only
        assertThat(mailsFor(carl.email(), "Escalated: request " + lateId)).hasSize(1);
        assertThat(mailsFor(anna.email(), "Overdue: request " + lateId)).hasSize(1);

        // the DPO summary: three open, one overdue and breached, one due this week, none stalled
        JsonNode s = awaitSummary(annaApi, 3);
        assertThat(s.get("open").asLong()).isEqualTo(3);
        assertThat(s.get("overdue").asLong()).isEqualTo(1);
        assertThat(s.get("breached").asLong()).isEqualTo(1);
        assertThat(s.get("dueThisWeek").asLong()).isEqualTo(1);
        assertThat(s.get("stalled").asLong()).isZero();
        assertThat(s.get("byStatus").get("IN_REVIEW").asLong()).isEqualTo(3);
        assertThat(s.get("byStatus").size()).isEqualTo(1);
        assertThat(s.toString()).doesNotContain(soonSubject, lateSubject, weekSubject);

        // another tenant's summary sees none of them
        JsonNode other = Api.newTenant("sla-other").api().get("/dsars/summary").json();
        assertThat(other.get("open").asLong()).isZero();
        assertThat(other.get("byStatus").size()).isZero();
    }

    @Test
    void aHostileBreachTemplateCostsNeitherTheBreachFlagNorTheServer() throws Exception {
        Api.Tenant t = Api.newTenant("sla-hostile");
        Accounts.Account approver = Accounts.invited(t, "APPROVER");
        // the tenant's override asks for two billion numbers up front (range), and divides by zero in its subject
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("custodia.it.base.dir"), "mail-templates", t.slug(),
                "sla-breach", "en");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("body.txt.peb"), "{% for i in range(0, 2000000000) %}{% endfor %}{{ reference }}\n");
        java.nio.file.Files.writeString(dir.resolve("subject.peb"), "{{ 1 / 0 }}");

        String subject = "subj-" + UUID.randomUUID();
        JsonNode late = submit(t, "ERASURE", subject, Instant.now().minus(60, ChronoUnit.DAYS));
        String lateId = late.get("id").asText();
        // the breach mail leaves from the shipped templates, and the flag stays (it used to roll back with the mail)
        assertNotice(awaitMail(approver.email(), "Overdue: request " + lateId), lateId, "ERASURE",
                Instant.parse(late.get("dueAt").asText()), subject);
        JsonNode dsar = t.api().get("/dsars/" + lateId).json();
        assertThat(dsar.get("breached").asBoolean()).isTrue();
        assertThat(dsar.get("breachedAt").isNull()).isFalse();
        assertThat(Api.anonymous().get("/ping").status()).isEqualTo(200);
    }

    @Test
    void aRequestWhoseStepFailedAllItsRetriesCountsAsStalled() throws Exception {
        Api.Tenant t = Api.newTenant("sla-stalled");
        String subject = "stall-" + UUID.randomUUID();
        try {
            // the acknowledgement step fails for this subject's request (a test trigger refuses its status change)
            try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement st = c.createStatement()) {
                st.execute("create or replace function app.it_refuse_progress() returns trigger language plpgsql as"
                        + " $$ begin raise exception 'DsarSlaMailIT refuses this step'; end $$");
                st.execute("create trigger it_refuse_progress before update on app.dsar_request for each row"
                        + " when (new.subject_id = '" + subject + "' and new.status = 'IN_PROGRESS')"
                        + " execute function app.it_refuse_progress()");
            }
            JsonNode dsar = submit(t, "ACCESS", subject, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            String instance = dsar.get("processInstanceId").asText();
            // the step failed once; its next tries (R3/PT1M) are brought forward to the last one, which raises the incident
            awaitFailedJob(instance);
            try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement st = c.createStatement()) {
                st.executeUpdate("update engine.act_ru_job set retries_ = 1, duedate_ = timestamp '2000-01-01'"
                        + " where process_instance_id_ = '" + instance + "' and exception_msg_ is not null");
            }
            Instant until = Instant.now().plus(PATIENCE);
            JsonNode s;
            do {
                s = t.api().get("/dsars/summary").json();
                if (s.get("stalled").asLong() == 1) {
                    break;
                }
                Thread.sleep(500);
            } while (Instant.now().isBefore(until));
            assertThat(s.get("stalled").asLong()).as(s.toString()).isEqualTo(1);
            assertThat(s.get("open").asLong()).isEqualTo(1);
            assertThat(s.get("overdue").asLong()).isZero();
            assertThat(s.get("byStatus").get("RECEIVED").asLong()).isEqualTo(1);
            // another tenant's incident is not this one's
            assertThat(Api.newTenant("sla-calm").api().get("/dsars/summary").json().get("stalled").asLong()).isZero();
        } finally {
            try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement st = c.createStatement()) {
                st.execute("drop trigger if exists it_refuse_progress on app.dsar_request");
                st.execute("drop function if exists app.it_refuse_progress()");
            }
        }
    }

    private static void awaitFailedJob(String instance) throws Exception {
        Instant until = Instant.now().plus(PATIENCE);
        do {
            try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from engine.act_ru_job where process_instance_id_ = '"
                         + instance + "' and exception_msg_ is not null")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(300);
        } while (Instant.now().isBefore(until));
        throw new AssertionError("the step of " + instance + " never failed");
    }

    /** The summary once {@code inReview} requests have reached the review (the process runs on the job executor). */
    private static JsonNode awaitSummary(Api api, long inReview) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        JsonNode s;
        do {
            Api.Reply r = api.get("/dsars/summary");
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            s = r.json();
            if (s.get("byStatus").path("IN_REVIEW").asLong() == inReview) {
                return s;
            }
            Thread.sleep(300);
        } while (Instant.now().isBefore(until));
        return s;
    }

    private static JsonNode submit(Api.Tenant t, String type, String subject, Instant receivedAt) {
        Api.Reply r = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"" + type + "\",\"jurisdiction\":\"US_CA_CCPA\",\"subject\":\""
                + subject + "\",\"receivedAt\":\"" + receivedAt + "\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    /** A reviewer notice: the reference, type, jurisdiction, due date (in the tenant's zone) and console link; no subject. */
    private static void assertNotice(MimeMessage mail, String dsarId, String type, Instant dueAt, String subjectId)
            throws MessagingException {
        String text = TestMailServer.text(mail);
        String html = TestMailServer.html(mail);
        for (String body : List.of(text, html)) {
            assertThat(body).contains(dsarId, type, "US_CA_CCPA", MailDates.format(dueAt, TENANT_ZONE, "en"),
                    "/console/dsars/" + dsarId);
            assertThat(body).doesNotContain(subjectId);
        }
        assertThat(mail.getSubject()).doesNotContain(subjectId);
    }

    private static List<MimeMessage> mailsFor(String address, String subjectPrefix) {
        return TestMailServer.to(address).stream().filter(m -> subjectOf(m).startsWith(subjectPrefix)).toList();
    }

    private static MimeMessage awaitMail(String address, String subjectPrefix) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        do {
            List<MimeMessage> found = mailsFor(address, subjectPrefix);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(until));
        throw new AssertionError("no mail \"" + subjectPrefix + "...\" for " + address + " within " + PATIENCE);
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<JsonNode> awaitTask(Api api, String businessKey) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(45);
        do {
            for (JsonNode task : api.get("/tasks").json()) {
                if (businessKey.equals(task.get("businessKey").asText())) {
                    return Optional.of(task);
                }
            }
            Thread.sleep(300);
        } while (Instant.now().isBefore(until));
        return Optional.empty();
    }
}
