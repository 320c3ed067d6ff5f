package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The record of processing activities through the API: an entry is written incomplete, completed in a second version,
 * compared, submitted, and approved by a DPO through the task API; a rejected review returns it to draft; bad input is
 * refused with every problem named and writes nothing; another tenant does not find it.
 */
@ExtendWith(ArquillianExtension.class)
class ProcessingRegisterIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static final String CONTROLLER = "{\"name\":\"Acme GmbH\",\"contact\":\"privacy@acme.example\"}";

    /** Payroll as a controller's record; {@code complete} adds the security measures Art. 30(1)(g) asks for. */
    static String payroll(String reference, boolean complete, String extra) {
        return "{\"reference\":\"" + reference + "\"," + extra + "\"content\":{\"description\":\"Monthly salaries\","
                + "\"systems\":[\"HR system\",\"Payroll SaaS\"],"
                + "\"flows\":[{\"from\":\"HR system\",\"to\":\"Payroll SaaS\",\"dataCategories\":[\"bank details\"]},"
                + "{\"from\":\"Payroll SaaS\",\"to\":\"tax office\"}],"
                + "\"record\":{\"role\":\"CONTROLLER\",\"name\":\"Payroll\",\"controller\":" + CONTROLLER + ","
                + "\"purposes\":[{\"description\":\"paying salaries\",\"lawfulBasis\":\"CONTRACT\"}],"
                + "\"dataSubjectCategories\":[\"employees\"],"
                + "\"dataCategories\":[{\"name\":\"bank details\",\"special\":false,\"retention\":\"10 years\"}],"
                + "\"recipients\":[\"tax office\"],"
                + "\"transfers\":[{\"country\":\"US\",\"recipient\":\"Payroll SaaS Inc.\",\"mechanism\":\"SCC\",\"sccModule\":2,"
                + "\"assessmentReference\":\"TIA-7\"}]"
                + (complete ? ",\"securityMeasures\":\"encryption at rest, role-based access\"" : "") + "}}}";
    }

    @Test
    void anEntryIsVersionedComparedAndApprovedByADpo() throws Exception {
        Api.Tenant t = Api.newTenant("ropa");
        Api api = t.api();
        systems(api);
        Accounts.Account dpo = Accounts.invited(t, "APPROVER");

        Api.Reply created = api.post("/ropa/activities", payroll("PA-001", false, "\"ownerId\":\"" + dpo.userId() + "\",\"reviewDue\":\"2027-06-30\","));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().get("activity").get("id").asText();
        assertThat(created.json().get("activity").get("status").asText()).isEqualTo("DRAFT");
        assertThat(created.json().get("activity").get("gaps").asInt()).isEqualTo(1);
        JsonNode missing = created.json().get("missing").get(0);
        assertThat(missing.get("field").asText()).isEqualTo("securityMeasures");
        assertThat(missing.get("article").asText()).isEqualTo("Art. 30(1)(g), Art. 32(1)");

        Api.Reply revised = api.put("/ropa/activities/" + id, payroll("PA-001", true, "\"version\":1,"));
        assertThat(revised.status()).as(revised.raw().body()).isEqualTo(200);
        assertThat(revised.json().get("activity").get("version").asInt()).isEqualTo(2);
        assertThat(revised.json().get("missing")).isEmpty();
        Api.Reply stale = api.put("/ropa/activities/" + id, payroll("PA-001", false, "\"version\":1,"));
        assertThat(stale.status()).as("a change made to version 1 after version 2 was saved").isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");

        assertThat(api.get("/ropa/activities/" + id + "/versions").json()).extracting(v -> v.get("version").asInt()).containsExactly(1, 2);
        JsonNode diff = api.get("/ropa/activities/" + id + "/diff?from=1&to=2").json();
        assertThat(diff.get("changes")).hasSize(1);
        assertThat(diff.get("changes").get(0).get("path").asText()).isEqualTo("record.securityMeasures");
        assertThat(diff.get("changes").get(0).get("before").isNull()).isTrue();
        assertThat(diff.get("changes").get(0).get("after").asText()).isEqualTo("encryption at rest, role-based access");
        assertThat(api.get("/ropa/activities/" + id + "/diff?from=1&to=9").status()).isEqualTo(422);
        assertThat(api.get("/ropa/activities/" + id + "/diff?from=1").status()).isEqualTo(400);

        // submitted: frozen until the DPO decides; the DPO approves through the task API
        Api.Reply submitted = api.post("/ropa/activities/" + id + "/submit", "");
        assertThat(submitted.status()).as(submitted.raw().body()).isEqualTo(200);
        assertThat(submitted.json().get("activity").get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(api.put("/ropa/activities/" + id, payroll("PA-001", false, "")).status()).isEqualTo(409);
        assertThat(api.delete("/ropa/activities/" + id).status()).isEqualTo(409);
        Api dpoApi = dpo.session();
        String taskId = awaitTask(dpoApi, id).get("id").asText();
        Api.Reply approved = dpoApi.post("/tasks/" + taskId + "/complete", "{\"decision\":\"APPROVE\"}");
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        JsonNode entry = api.get("/ropa/activities/" + id).json().get("activity");
        assertThat(entry.get("status").asText()).isEqualTo("APPROVED");
        assertThat(entry.get("approvedVersion").asInt()).isEqualTo(2);
        assertThat(entry.get("approvedBy").asText()).isEqualTo("user:" + dpo.userId());
        assertThat(api.post("/ropa/activities/" + id + "/submit", "").status()).as("approved as it reads").isEqualTo(409);

        // a change makes version 3, a draft; the DPO asks for changes and it stays a draft, version 2 still the approved one
        assertThat(api.put("/ropa/activities/" + id, payroll("PA-001", true, "").replace("Monthly salaries", "Salaries")).json()
                .get("activity").get("version").asInt()).isEqualTo(3);
        api.post("/ropa/activities/" + id + "/submit", "");
        String second = awaitTask(dpoApi, id).get("id").asText();
        assertThat(dpoApi.post("/tasks/" + second + "/complete", "{\"decision\":\"REQUEST_CHANGES\",\"comment\":\"name the payroll provider\"}")
                .status()).isEqualTo(200);
        entry = api.get("/ropa/activities/" + id).json().get("activity");
        assertThat(entry.get("status").asText()).isEqualTo("DRAFT");
        assertThat(entry.get("approvedVersion").asInt()).isEqualTo(2);

        assertThat(auditTypes(api, id)).containsExactly("ropa.activity.created", "ropa.activity.revised", "ropa.activity.submitted",
                "ropa.activity.approved", "ropa.activity.revised", "ropa.activity.submitted", "ropa.activity.returned");

        // another tenant finds nothing
        Api other = Api.newTenant("ropa-other").api();
        assertThat(other.get("/ropa/activities/" + id).status()).isEqualTo(404);
        assertThat(other.get("/ropa/activities").json()).isEmpty();
    }

    @Test
    void badInputIsRefusedWithEveryProblemNamedAndWritesNothing() throws Exception {
        Api.Tenant t = Api.newTenant("ropa-bad");
        Api api = t.api();
        systems(api);
        assertThat(api.post("/ropa/activities", payroll("PA-1", true, "")).status()).isEqualTo(201);
        Map<String, Long> before = BadInputIT.rowCountsOf(t.id());

        Api.Reply bad = api.post("/ropa/activities", payroll("bad reference!", true, "\"ownerId\":\"" + java.util.UUID.randomUUID() + "\",")
                .replace("\"name\":\"Payroll\"", "\"name\":\"\"").replace("\"sccModule\":2", "\"sccModule\":7")
                .replace("\"to\":\"tax office\"", "\"to\":\"nowhere\"").replace("[\"HR system\",", "[\"HR system\",\"Mainframe\","));
        assertThat(bad.status()).as(bad.raw().body()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder("reference",
                "content.record.name", "content.record.transfers[0].sccModule", "content.systems[1]", "content.flows[1].to", "ownerId");
        Api.Reply wrongRole = api.post("/ropa/activities", payroll("PA-2", true, "").replace("\"CONTROLLER\"", "\"BOSS\""));
        assertThat(wrongRole.status()).isEqualTo(400);
        assertThat(wrongRole.json().get("errors").get(0).get("field").asText()).isEqualTo("content.record.role");
        assertThat(api.post("/ropa/activities", payroll("PA-1", true, "")).status()).as("the reference is taken").isEqualTo(409);
        assertThat(api.post("/ropa/activities", "").status()).isEqualTo(400);
        assertThat(api.post("/ropa/systems", "{\"name\":\"CRM\",\"hostingCountry\":\"Germany\"}").status()).isEqualTo(422);
        assertThat(api.post("/ropa/systems", "{\"name\":\"HR system\"}").status()).isEqualTo(409);
        String hr = api.get("/ropa/systems").json().get(0).get("id").asText();
        Api.Reply inUse = api.delete("/ropa/systems/" + hr);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("detail").asText()).contains("PA-1");
        assertThat(BadInputIT.rowCountsOf(t.id())).isEqualTo(before);
    }

    @Test
    void ownersAreRemindedOfReviewDatesOncePerDate() throws Exception {
        Api.Tenant t = Api.newTenant("ropa-review");
        Api api = t.api();
        systems(api);
        Accounts.Account owner = Accounts.invited(t, "APPROVER"); // mail #1: the invitation
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC); // the tenant counts in UTC
        String soon = payroll("PA-R1", true, "\"ownerId\":\"" + owner.userId() + "\",\"reviewDue\":\"" + today.plusDays(5) + "\",");
        assertThat(api.post("/ropa/activities", soon).status()).isEqualTo(201);
        assertThat(api.post("/ropa/activities", payroll("PA-R2", true, "\"reviewDue\":\"" + today.minusDays(1) + "\",")).status())
                .isEqualTo(201);
        assertThat(api.post("/ropa/activities", payroll("PA-R3", true, "\"reviewDue\":\"" + today.plusDays(60) + "\",")).status())
                .isEqualTo(201);

        assertThat(Api.admin().post("/admin/reminders/run", "").status()).isEqualTo(200);
        TestMailServer.awaitMessage(owner.email(), 3, java.time.Duration.ofSeconds(30));
        List<String> subjects = new java.util.ArrayList<>();
        for (var m : TestMailServer.to(owner.email())) {
            subjects.add(m.getSubject());
        }
        // PA-R2 has no owner: its APPROVERs are told
        assertThat(subjects).contains("Review due: PA-R1 (ropa-review Ltd)", "Review overdue: PA-R2 (ropa-review Ltd)")
                .noneMatch(s -> s.contains("PA-R3"));
        String text = TestMailServer.text(TestMailServer.to(owner.email()).stream()
                .filter(m -> subjectOf(m).startsWith("Review due")).findFirst().orElseThrow());
        assertThat(text).contains("Payroll", "/console/ropa/activities/");

        // a second round mails nothing more; a new review date is reminded again
        assertThat(Api.admin().post("/admin/reminders/run", "").status()).isEqualTo(200);
        Thread.sleep(2_000);
        assertThat(TestMailServer.to(owner.email())).hasSize(3);
        String id = api.get("/ropa/activities").json().get(0).get("id").asText();
        assertThat(api.put("/ropa/activities/" + id, soon.replace(today.plusDays(5).toString(), today.plusDays(3).toString())).status())
                .isEqualTo(200);
        assertThat(api.get("/ropa/activities/" + id).json().get("activity").get("version").asInt()).as("a new date is no new version")
                .isEqualTo(1);
        Api.admin().post("/admin/reminders/run", "");
        TestMailServer.awaitMessage(owner.email(), 4, java.time.Duration.ofSeconds(30));
        assertThat(auditTypes(api, id)).containsExactly("ropa.activity.created", "ropa.review.reminded", "ropa.activity.reassigned",
                "ropa.review.reminded");
    }

    private static String subjectOf(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void consentPurposesFollowTheActivityTheyServeOrTheDisagreementIsListed() {
        Api.Tenant t = Api.newTenant("ropa-purposes");
        Api api = t.api();
        systems(api);
        String activity = api.post("/ropa/activities", payroll("PA-1", true, "")).json().get("activity").get("id").asText();
        Api.Reply purpose = api.post("/purposes", "{\"key\":\"payroll-news\",\"name\":\"Payroll news\",\"legalBasis\":\"CONSENT\","
                + "\"dataCategories\":[\"bank details\"],\"retention\":\"P1Y\"}");
        assertThat(purpose.status()).as(purpose.raw().body()).isEqualTo(201);
        JsonNode unlinked = api.get("/purposes/activity-findings").json();
        assertThat(unlinked).hasSize(1);
        assertThat(unlinked.get(0).get("field").asText()).isEqualTo("activityId");

        Api.Reply linked = api.put("/purposes/payroll-news/activity", "{\"activityId\":\"" + activity + "\"}");
        assertThat(linked.status()).as(linked.raw().body()).isEqualTo(200);
        assertThat(linked.json().get("activityId").asText()).isEqualTo(activity);
        JsonNode findings = api.get("/purposes/activity-findings").json();
        assertThat(findings).extracting(f -> f.get("field").asText()).containsExactly("legalBasis", "retention");
        assertThat(findings.get(0).get("activityReference").asText()).isEqualTo("PA-1");
        assertThat(findings.get(0).get("activityValue").asText()).isEqualTo("CONTRACT");
        assertThat(findings.get(1).get("activityValue").asText()).isEqualTo("10 years");

        Api other = Api.newTenant("ropa-purposes-b").api();
        systems(other);
        String foreign = other.post("/ropa/activities", payroll("PA-9", true, "")).json().get("activity").get("id").asText();
        assertThat(api.put("/purposes/payroll-news/activity", "{\"activityId\":\"" + foreign + "\"}").status())
                .as("another tenant's activity").isEqualTo(422);
        assertThat(api.put("/purposes/payroll-news/activity", "{\"activityId\":\"" + java.util.UUID.randomUUID() + "\"}").status())
                .isEqualTo(422);
        assertThat(api.put("/purposes/payroll-news/activity", "{\"activityId\":\"nope\"}").status()).isEqualTo(422);
        assertThat(api.put("/purposes/payroll-news/activity", "{\"activityId\":null}").json().get("activityId").isNull()).isTrue();
        assertThat(auditTypes(api, purpose.json().get("id").asText())).contains("consent.purpose.linked");
    }

    static void systems(Api api) {
        for (String body : new String[] {"{\"name\":\"HR system\",\"hostingCountry\":\"DE\"}",
                "{\"name\":\"Payroll SaaS\",\"hostingCountry\":\"US\",\"description\":\"payroll provider\"}"}) {
            Api.Reply r = api.post("/ropa/systems", body);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        }
    }

    static JsonNode awaitTask(Api api, String businessKey) throws InterruptedException {
        return awaitTask(api, businessKey, "ropaReview");
    }

    static JsonNode awaitTask(Api api, String businessKey, String processKey) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        do {
            Api.Reply r = api.get("/tasks?businessKey=" + businessKey);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            Optional<JsonNode> found = r.json().isEmpty() ? Optional.empty() : Optional.of(r.json().get(0));
            if (found.isPresent()) {
                assertThat(found.get().get("processKey").asText()).isEqualTo(processKey);
                return found.get();
            }
            Thread.sleep(300);
        } while (Instant.now().isBefore(until));
        throw new AssertionError("no review task for " + businessKey);
    }

    static java.util.List<String> auditTypes(Api api, String entityId) {
        java.util.List<String> types = new java.util.ArrayList<>();
        api.get("/audit/events?limit=1000").json().forEach(e -> {
            if (e.get("entityId").asText().equals(entityId)) {
                types.add(e.get("eventType").asText());
            }
        });
        return types;
    }
}
