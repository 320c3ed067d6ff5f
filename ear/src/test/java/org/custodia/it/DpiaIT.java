package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.custodia.reports.testing.Pdfsig;
import org.custodia.reports.testing.VeraPdf;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * DPIAs through the API: screened by WP248 and Art. 35(3), answered against the template version they began with, their
 * risks written to the risk register, prior consultation flagged while a found risk stays high, the DPO's opinion and
 * sign-off through the task API, the signed PDF/A-2a report, review reminders; templates versioned per tenant.
 */
@ExtendWith(ArquillianExtension.class)
class DpiaIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static final String ANSWERS = "{\"description\":\"payroll for 40,000 employees\",\"necessity\":\"contract, minimal data\","
            + "\"rights\":\"privacy notice, DSAR process\",\"risks\":\"health data exposure\",\"measures\":\"encryption, access control\"}";

    static String dpia(String reference, String activity, String extra) {
        return "{\"reference\":\"" + reference + "\",\"activityId\":\"" + activity + "\",\"title\":\"Payroll DPIA\"" + extra + "}";
    }

    @Test
    void anAssessmentIsScreenedAnsweredRiskedAndSignedOffByTheDpo() throws Exception {
        Api.Tenant t = Api.newTenant("dpia");
        Api api = t.api();
        ProcessingRegisterIT.systems(api);
        String activity = api.post("/ropa/activities", ProcessingRegisterIT.payroll("PA-1", true, "")).json().get("activity").get("id").asText();
        Accounts.Account dpo = Accounts.invited(t, "APPROVER"); // mail #1
        String two = ",\"criteria\":[\"SENSITIVE_OR_HIGHLY_PERSONAL_DATA\",\"LARGE_SCALE\"]";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Api.Reply created = api.post("/dpias", dpia("D-1", activity, two + ",\"ownerId\":\"" + dpo.userId() + "\",\"reviewDue\":\""
                + today.plusDays(2) + "\""));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().get("dpia").get("id").asText();
        assertThat(created.json().get("dpia").get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(created.json().get("screening").get("because").asText()).startsWith("WP248 rev.01 III.B.a: 2 criteria met");
        assertThat(created.json().get("template").get("key").asText()).isEqualTo("art35");
        assertThat(created.json().get("unanswered")).hasSize(5);
        JsonNode reasoned = api.post("/dpias", dpia("D-2", activity, two + ",\"reasoning\":\"internal staff only, pseudonymised\"")).json();
        assertThat(reasoned.get("dpia").get("status").asText()).isEqualTo("NOT_REQUIRED");
        assertThat(reasoned.get("screening").get("outcome").asText()).isEqualTo("NOT_REQUIRED_WITH_REASONING");
        assertThat(api.post("/dpias", dpia("D-3", activity, ",\"article35Cases\":[\"LARGE_SCALE_SPECIAL_OR_CRIMINAL_DATA\"],"
                + "\"reasoning\":\"we think it is fine\"")).json().get("screening").get("outcome").asText()).isEqualTo("REQUIRED");

        Api.Reply early = api.post("/dpias/" + id + "/submit", "");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("errors")).extracting(e -> e.get("field").asText()).contains("answers.description", "answers.measures");
        Api.Reply maybe = api.put("/dpias/" + id, dpia("D-1", activity, two + ",\"answers\":" + ANSWERS.replace("}", ",\"subjects_consulted\":\"maybe\"}")));
        assertThat(maybe.status()).isEqualTo(422);
        assertThat(maybe.json().get("errors").get(0).get("field").asText()).isEqualTo("answers.subjects_consulted");
        Api.Reply answered = api.put("/dpias/" + id, dpia("D-1", activity, two + ",\"answers\":" + ANSWERS + ",\"ownerId\":\""
                + dpo.userId() + "\",\"reviewDue\":\"" + today.plusDays(2) + "\""));
        assertThat(answered.status()).as(answered.raw().body()).isEqualTo(200);
        assertThat(answered.json().get("unanswered")).isEmpty();

        // a risk found flows into the risk register; while it stays high, prior consultation is flagged
        Api.Reply risk = api.post("/dpias/" + id + "/risks", RiskRegisterIT.risk("R-9", 4, 5, ""));
        assertThat(risk.status()).as(risk.raw().body()).isEqualTo(201);
        assertThat(risk.json().get("source").asText()).isEqualTo("dpia");
        assertThat(risk.json().get("dpiaId").asText()).isEqualTo(id);
        assertThat(risk.json().get("activityIds")).extracting(JsonNode::asText).containsExactly(activity);
        assertThat(api.get("/dpias/" + id).json().get("priorConsultation").asText()).startsWith("GDPR Art. 36(1): R-9 (not yet treated)");
        api.put("/risks/" + risk.json().get("id").asText(), RiskRegisterIT.risk("R-9", 4, 5, ",\"status\":\"TREATED\","
                + "\"residualLikelihood\":2,\"residualImpact\":2,\"activityIds\":[\"" + activity + "\"]"));
        assertThat(api.get("/dpias/" + id).json().get("priorConsultation").isNull()).isTrue();

        // to the DPO: frozen until the opinion is given through the task API
        assertThat(api.post("/dpias/" + id + "/submit", "").json().get("dpia").get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(api.put("/dpias/" + id, dpia("D-1", activity, two + ",\"answers\":" + ANSWERS)).status()).isEqualTo(409);
        String r9 = risk.json().get("id").asText();
        assertThat(api.put("/risks/" + r9, RiskRegisterIT.risk("R-9", 5, 5, ",\"activityIds\":[\"" + activity + "\"]")).status())
                .as("its risks stay as the DPO sees them").isEqualTo(409);
        Api dpoApi = dpo.session();
        JsonNode task = ProcessingRegisterIT.awaitTask(dpoApi, id, "dpiaReview");
        Api.Reply silent = dpoApi.post("/tasks/" + task.get("id").asText() + "/complete", "{\"decision\":\"APPROVE\",\"comment\":\" \"}");
        assertThat(silent.status()).as("an approval without the written opinion").isEqualTo(422);
        assertThat(silent.json().get("errors").get(0).get("field").asText()).isEqualTo("comment");
        assertThat(api.get("/dpias/" + id).json().get("dpia").get("status").asText()).isEqualTo("IN_REVIEW");
        Api.Reply opinion = dpoApi.post("/tasks/" + task.get("id").asText() + "/complete",
                "{\"decision\":\"APPROVE\",\"comment\":\"Proceed; encrypt the exports.\"}");
        assertThat(opinion.status()).as(opinion.raw().body()).isEqualTo(200);
        JsonNode signed = api.get("/dpias/" + id).json();
        assertThat(signed.get("dpia").get("status").asText()).isEqualTo("APPROVED");
        assertThat(signed.get("dpo").get("opinion").asText()).isEqualTo("Proceed; encrypt the exports.");
        assertThat(signed.get("dpo").get("decidedBy").asText()).isEqualTo("user:" + dpo.userId());
        assertThat(ProcessingRegisterIT.auditTypes(api, id)).contains("dpia.created", "dpia.submitted", "dpia.signed_off");
        assertThat(api.delete("/dpias/" + id).status()).as("a signed-off DPIA is kept").isEqualTo(409);
        assertThat(signed.get("signOff").get("risks").get(0).get("residual").asText()).isEqualTo("2 x 2 = 4 (low)");
        // the register moves on; the signed-off finding does not
        assertThat(api.put("/risks/" + r9, RiskRegisterIT.risk("R-9", 5, 5, ",\"activityIds\":[\"" + activity + "\"]")).status())
                .isEqualTo(200);
        assertThat(api.get("/dpias/" + id).json().get("priorConsultation").isNull()).as("as signed off").isTrue();

        byte[] pdf = ProcessingRegisterFilesIT.download(api, "/reports/dpias/" + id, "application/pdf");
        assertThat(Pdfsig.report(pdf)).contains("Signature Validation: Signature is Valid.", "Total document signed");
        assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_A)).isEmpty();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " "))
                    .contains("D-1", "R-9", "Proceed; encrypt the exports.", "payroll for 40,000 employees", "Not required");
        }

        assertThat(Api.admin().post("/admin/reminders/run", "").status()).isEqualTo(200);
        TestMailServer.awaitMessage(dpo.email(), 2, Duration.ofSeconds(30));
        List<String> subjects = new ArrayList<>();
        for (var m : TestMailServer.to(dpo.email())) {
            subjects.add(m.getSubject());
        }
        assertThat(subjects).contains("DPIA review due: D-1 (dpia Ltd)");

        assertThat(Api.newTenant("dpia-other").api().get("/dpias/" + id).status()).isEqualTo(404);
    }

    @Test
    void templatesAreVersionedAndAssessmentsKeepTheirs() {
        Api.Tenant t = Api.newTenant("dpia-templates");
        Api api = t.api();
        ProcessingRegisterIT.systems(api);
        String activity = api.post("/ropa/activities", ProcessingRegisterIT.payroll("PA-1", true, "")).json().get("activity").get("id").asText();
        assertThat(api.get("/dpia-templates").json().get(0).get("questions")).hasSize(7);
        String before = api.post("/dpias", dpia("D-1", activity, ",\"criteria\":[\"LARGE_SCALE\",\"INNOVATIVE_TECHNOLOGY\"]")).json()
                .get("dpia").get("id").asText();

        Api.Reply own = api.post("/dpia-templates", "{\"key\":\"art35\",\"title\":\"Our assessment\",\"questions\":[{\"id\":\"purpose\","
                + "\"text\":\"What for?\",\"kind\":\"TEXT\",\"required\":true},{\"id\":\"tier\",\"text\":\"Tier?\",\"kind\":\"CHOICE\","
                + "\"options\":[\"gold\",\"silver\"]}]}");
        assertThat(own.status()).as(own.raw().body()).isEqualTo(201);
        assertThat(own.json().get("version").asInt()).as("the shipped template keeps version 1").isEqualTo(2);
        List<String> versions = new ArrayList<>();
        api.get("/dpia-templates").json().forEach(x -> versions.add(x.get("key").asText() + " v" + x.get("version").asInt()));
        assertThat(versions).containsExactly("art35 v1", "art35 v2");

        JsonNode after = api.post("/dpias", dpia("D-2", activity, ",\"criteria\":[\"LARGE_SCALE\",\"INNOVATIVE_TECHNOLOGY\"],"
                + "\"answers\":{\"tier\":\"bronze\"}")).json();
        assertThat(after.get("errors").get(0).get("field").asText()).isEqualTo("answers.tier");
        JsonNode created = api.post("/dpias", dpia("D-2", activity, ",\"criteria\":[\"LARGE_SCALE\",\"INNOVATIVE_TECHNOLOGY\"]")).json();
        assertThat(created.get("template").get("version").asInt()).isEqualTo(2);
        assertThat(created.get("unanswered")).extracting(JsonNode::asText).containsExactly("purpose");
        assertThat(api.get("/dpias/" + before).json().get("template").get("version").asInt()).isEqualTo(1);

        Api.Reply bad = api.post("/dpia-templates", "{\"key\":\"Bad Key\",\"title\":\"\",\"questions\":[{\"id\":\"q\",\"text\":\"Q?\","
                + "\"kind\":\"CHOICE\",\"options\":[\"one\"]},{\"id\":\"q\",\"text\":\"again\",\"kind\":\"TEXT\"}]}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("key", "title", "questions[0].options", "questions[1].id");
    }
}
