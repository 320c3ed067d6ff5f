package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * The risk register through the API: risks rated and banded, mapped (inherent and residual, closed ones left out) with a
 * drill-down per cell, re-banded by the tenant, treated by plans whose owners are reminded, reported as a signed PDF/A-2a;
 * bad input refused by field and writing nothing; another tenant finds nothing.
 */
@ExtendWith(ArquillianExtension.class)
class RiskRegisterIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static String risk(String reference, int likelihood, int impact, String extra) {
        return "{\"reference\":\"" + reference + "\",\"title\":\"Risk " + reference + "\",\"inherentLikelihood\":" + likelihood
                + ",\"inherentImpact\":" + impact + extra + "}";
    }

    static String created(Api api, String body) {
        Api.Reply r = api.post("/risks", body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void risksAreRatedMappedTreatedAndReported() throws Exception {
        Api.Tenant t = Api.newTenant("risks");
        Api api = t.api();
        ProcessingRegisterIT.systems(api);
        String activity = api.post("/ropa/activities", ProcessingRegisterIT.payroll("PA-1", true, "")).json().get("activity").get("id").asText();

        String r1 = created(api, risk("R-1", 4, 5, ",\"activityIds\":[\"" + activity + "\"]"));
        created(api, risk("R-2", 2, 2, ""));
        created(api, risk("R-3", 3, 4, ",\"status\":\"TREATED\",\"residualLikelihood\":2,\"residualImpact\":3"));
        created(api, risk("R-4", 5, 5, ",\"status\":\"CLOSED\""));
        JsonNode one = api.get("/risks/" + r1).json();
        assertThat(one.get("inherent").get("score").asInt()).isEqualTo(20);
        assertThat(one.get("inherent").get("band").asText()).isEqualTo("high");
        assertThat(one.get("residual").isNull()).isTrue();

        JsonNode inherent = api.get("/risks/heat-map").json();
        assertThat(inherent.get("cells")).hasSize(25);
        assertThat(cell(inherent, 4, 5).get("count").asInt()).isEqualTo(1);
        assertThat(cell(inherent, 3, 4).get("count").asInt()).isEqualTo(1);
        assertThat(cell(inherent, 5, 5).get("count").asInt()).as("closed risks are not mapped").isZero();
        assertThat(inherent.get("total").asInt()).isEqualTo(3);
        assertThat(inherent.get("perBand").toString()).isEqualTo("{\"low\":1,\"medium\":0,\"high\":2}");
        JsonNode residual = api.get("/risks/heat-map?rating=residual").json();
        assertThat(cell(residual, 2, 3).get("count").asInt()).isEqualTo(1);
        assertThat(cell(residual, 3, 4).get("count").asInt()).isZero();
        assertThat(cell(residual, 4, 5).get("count").asInt()).as("untreated: at its inherent rating").isEqualTo(1);
        assertThat(references(api.get("/risks?likelihood=4&impact=5").json())).containsExactly("R-1");
        assertThat(references(api.get("/risks?rating=residual&likelihood=2&impact=3").json())).containsExactly("R-3");
        assertThat(references(api.get("/risks?activityId=" + activity).json())).containsExactly("R-1");
        assertThat(references(api.get("/risks?band=high").json())).as("closed risks are not mapped").containsExactly("R-1", "R-3");
        assertThat(references(api.get("/risks?band=high&status=CLOSED").json())).containsExactly("R-4");
        assertThat(api.get("/risks?status=open").status()).isEqualTo(400);

        // the tenant's own bands re-rate every risk
        Api.Reply bands = api.put("/settings/risk-bands", "{\"bands\":[{\"name\":\"low\",\"from\":1,\"to\":6},{\"name\":\"medium\","
                + "\"from\":7,\"to\":12},{\"name\":\"high\",\"from\":13,\"to\":20},{\"name\":\"critical\",\"from\":21,\"to\":25,"
                + "\"colour\":\"#6A1B9A\"}]}");
        assertThat(bands.status()).as(bands.raw().body()).isEqualTo(200);
        assertThat(bands.json().get("bands").get(0).get("colour").asText()).isEqualTo("#2e7d32");
        assertThat(api.get("/risks/" + r1).json().get("inherent").get("band").asText()).isEqualTo("high");
        assertThat(api.get("/risks/heat-map").json().get("perBand").toString()).isEqualTo("{\"low\":1,\"medium\":1,\"high\":1,\"critical\":0}");

        // treatment plans
        Api.Reply plan = api.post("/risks/" + r1 + "/treatments", "{\"strategy\":\"MITIGATE\",\"description\":\"encrypt the exports\","
                + "\"dueDate\":\"2027-03-31\"}");
        assertThat(plan.status()).as(plan.raw().body()).isEqualTo(201);
        assertThat(plan.json().get("status").asText()).isEqualTo("PLANNED");
        String planId = plan.json().get("id").asText();
        assertThat(api.put("/risks/" + r1 + "/treatments/" + planId, "{\"strategy\":\"MITIGATE\",\"description\":\"encrypt the exports\","
                + "\"status\":\"DONE\"}").json().get("status").asText()).isEqualTo("DONE");
        assertThat(api.put("/risks/" + r1, risk("R-1", 4, 5, ",\"status\":\"TREATED\",\"residualLikelihood\":2,\"residualImpact\":5,"
                + "\"activityIds\":[\"" + activity + "\"]")).json().get("residual").get("band").asText()).isEqualTo("medium");
        assertThat(ProcessingRegisterIT.auditTypes(api, r1)).containsExactly("risk.created", "risk.treatment.added",
                "risk.treatment.updated", "risk.updated");

        byte[] pdf = ProcessingRegisterFilesIT.download(api, "/reports/risk-register", "application/pdf");
        assertThat(Pdfsig.report(pdf)).contains("Signature Validation: Signature is Valid.", "Total document signed");
        assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_A)).isEmpty();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("Risk register", "R-1", "encrypt the exports");
            assertThat(alternativeTexts(doc)).anyMatch(alt -> alt.contains("Likelihood 4, impact 5: 1"));
        }

        Api other = Api.newTenant("risks-other").api();
        assertThat(other.get("/risks/" + r1).status()).isEqualTo(404);
        assertThat(other.get("/risks/heat-map").json().get("total").asInt()).isZero();
    }

    @Test
    void badInputIsRefusedByFieldAndWritesNothing() {
        Api.Tenant t = Api.newTenant("risks-bad");
        Api api = t.api();
        String r1 = created(api, risk("R-1", 1, 1, ""));
        Map<String, Long> before = BadInputIT.rowCountsOf(t.id());
        Api.Reply bad = api.post("/risks", "{\"reference\":\"R 2\",\"title\":\"\",\"inherentLikelihood\":6,\"inherentImpact\":0,"
                + "\"residualLikelihood\":2,\"status\":\"ACCEPTED\",\"activityIds\":[\"" + java.util.UUID.randomUUID() + "\"]}");
        assertThat(bad.status()).as(bad.raw().body()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder("reference", "title",
                "inherentLikelihood", "inherentImpact", "residualImpact", "ownerId", "activityIds[0]");
        assertThat(api.post("/risks", risk("R-3", 2, 2, ",\"status\":\"TREATED\"")).json().get("errors").get(0).get("field").asText())
                .isEqualTo("residualLikelihood");
        assertThat(api.post("/risks", risk("R-3", 2, 2, ",\"status\":\"BOSS\"")).status()).isEqualTo(400);
        assertThat(api.post("/risks", risk("R-1", 2, 2, "")).status()).isEqualTo(409);
        assertThat(api.get("/risks?rating=gut").status()).isEqualTo(400);
        assertThat(api.get("/risks?likelihood=9").status()).isEqualTo(400);
        Api.Reply gap = api.put("/settings/risk-bands", "{\"bands\":[{\"name\":\"low\",\"from\":1,\"to\":6},{\"name\":\"high\",\"from\":9,\"to\":25}]}");
        assertThat(gap.status()).isEqualTo(422);
        assertThat(gap.json().get("errors").get(0).get("reason").asText()).isEqualTo("score 8 falls in no band");
        assertThat(api.post("/risks/" + r1 + "/treatments", "{\"strategy\":\"PRAY\",\"description\":\"x\"}").status()).isEqualTo(400);
        assertThat(api.post("/risks/" + r1 + "/treatments", "{\"strategy\":\"ACCEPT\",\"description\":\" \",\"dueDate\":\"soon\"}")
                .json().get("errors")).extracting(e -> e.get("field").asText()).containsExactly("dueDate");
        assertThat(BadInputIT.rowCountsOf(t.id())).isEqualTo(before);
    }

    @Test
    void treatmentOwnersAreRemindedOfDueDates() throws Exception {
        Api.Tenant t = Api.newTenant("risks-mail");
        Api api = t.api();
        Accounts.Account owner = Accounts.invited(t, "MANAGER"); // mail #1: the invitation
        String r1 = created(api, risk("R-1", 3, 3, ""));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        api.post("/risks/" + r1 + "/treatments", "{\"strategy\":\"MITIGATE\",\"description\":\"train the support team\",\"ownerId\":\""
                + owner.userId() + "\",\"dueDate\":\"" + today.plusDays(3) + "\"}");
        api.post("/risks/" + r1 + "/treatments", "{\"strategy\":\"TRANSFER\",\"description\":\"cyber insurance\",\"dueDate\":\""
                + today.minusDays(2) + "\"}");
        api.post("/risks/" + r1 + "/treatments", "{\"strategy\":\"AVOID\",\"description\":\"stop the old export\",\"status\":\"DONE\","
                + "\"dueDate\":\"" + today.minusDays(2) + "\"}");
        assertThat(Api.admin().post("/admin/reminders/run", "").status()).isEqualTo(200);
        TestMailServer.awaitMessage(owner.email(), 3, Duration.ofSeconds(30));
        List<String> subjects = new ArrayList<>();
        for (var m : TestMailServer.to(owner.email())) {
            subjects.add(m.getSubject());
        }
        // the plan without an owner goes to the MANAGERs; a done plan is not reminded
        assertThat(subjects).contains("Treatment due: R-1 (risks-mail Ltd)", "Treatment overdue: R-1 (risks-mail Ltd)").hasSize(3);
        Api.admin().post("/admin/reminders/run", "");
        Thread.sleep(2_000);
        assertThat(TestMailServer.to(owner.email())).as("once per date").hasSize(3);
    }

    static JsonNode cell(JsonNode map, int likelihood, int impact) {
        for (JsonNode c : map.get("cells")) {
            if (c.get("likelihood").asInt() == likelihood && c.get("impact").asInt() == impact) {
                return c;
            }
        }
        throw new AssertionError("no cell " + likelihood + "x" + impact);
    }

    static List<String> references(JsonNode risks) {
        List<String> out = new ArrayList<>();
        risks.forEach(r -> out.add(r.get("reference").asText()));
        return out;
    }

    /** The /Alt texts of the document's structure elements (the figures). */
    static List<String> alternativeTexts(org.apache.pdfbox.pdmodel.PDDocument doc) {
        List<String> alts = new ArrayList<>();
        var root = doc.getDocumentCatalog().getStructureTreeRoot();
        if (root != null) {
            collect(root.getKids(), alts);
        }
        return alts;
    }

    private static void collect(List<Object> kids, List<String> alts) {
        for (Object kid : kids) {
            if (kid instanceof org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement e) {
                if (e.getAlternateDescription() != null) {
                    alts.add(e.getAlternateDescription());
                }
                collect(e.getKids(), alts);
            }
        }
    }
}
