package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Retention policies and the register's link to them (Art. 30(1)(f)): a policy is added, a data category names it
 * instead of (or besides) its own words, the register's files and signed PDF carry it, a consent purpose is checked
 * against its period, it cannot be removed while linked, and bad input or another tenant's key is refused.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionPolicyIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static final String BOOKS = "{\"key\":\"tax-10y\",\"name\":\"Accounting records\",\"period\":\"P10Y\",\"startsAt\":\"END_OF_YEAR\","
            + "\"action\":\"ERASE\",\"legalReference\":\"HGB § 257(4), AO § 147(3)\"}";

    /** Payroll with its bank details kept as the policy {@code key} says (no words of its own). */
    static String linked(String reference, String key) {
        return ProcessingRegisterIT.payroll(reference, true, "")
                .replace("\"retention\":\"10 years\"", "\"retentionPolicy\":\"" + key + "\"");
    }

    @Test
    void aDataCategoryKeepsItsDataAsTheLinkedPolicySays() throws Exception {
        Api.Tenant t = Api.newTenant("retention");
        Api api = t.api();
        ProcessingRegisterIT.systems(api);
        Api.Reply added = api.post("/retention-policies", BOOKS);
        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
        assertThat(added.json().get("summary").asText())
                .isEqualTo("10 years after the end of the calendar year the record belongs to, then erase");
        assertThat(added.json().get("usedBy")).isEmpty();
        assertThat(api.post("/retention-policies", BOOKS).status()).as("the key is taken").isEqualTo(409);

        Api.Reply unknown = api.post("/ropa/activities", linked("PA-1", "tax-6y"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("content.record.dataCategories[0].retentionPolicy");
        Api.Reply entry = api.post("/ropa/activities", linked("PA-1", "tax-10y"));
        assertThat(entry.status()).as(entry.raw().body()).isEqualTo(201);
        assertThat(entry.json().get("missing")).as("the policy answers Art. 30(1)(f)").isEmpty();
        String activity = entry.json().get("activity").get("id").asText();

        JsonNode policy = api.get("/retention-policies/tax-10y").json();
        assertThat(policy.get("usedBy")).extracting(JsonNode::asText).containsExactly("PA-1");
        Api.Reply inUse = api.delete("/retention-policies/tax-10y");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.contentType()).startsWith("application/problem+json");
        assertThat(inUse.raw().body()).contains("PA-1");

        // the terms change in one place: the register reads the new ones
        Api.Reply revised = api.put("/retention-policies/tax-10y", BOOKS.replace("\"key\":\"tax-10y\",", "").replace("P10Y", "P8Y"));
        assertThat(revised.status()).as(revised.raw().body()).isEqualTo(200);
        assertThat(revised.json().get("period").asText()).isEqualTo("P8Y");
        assertThat(revised.json().get("usedBy")).hasSize(1);
        JsonNode revision = api.get("/audit/events?limit=1000").json();
        JsonNode revisedEvent = null;
        for (JsonNode e : revision) {
            if (e.get("eventType").asText().equals("retention.policy.revised")) {
                revisedEvent = e;
            }
        }
        assertThat(revisedEvent).as("the revision, with the terms before it").isNotNull();
        assertThat(revisedEvent.toString()).contains("P8Y", "P10Y", "linkedEntries");
        assertThat(api.get("/retention-policies").json().get(0).get("usedBy")).extracting(JsonNode::asText).containsExactly("PA-1");
        assertThat(api.put("/retention-policies/tax-10y", BOOKS.replace("tax-10y", "tax-8y")).status()).as("the key stays").isEqualTo(422);

        // a consent purpose over the same data is held to the policy's period
        assertThat(api.post("/purposes", "{\"key\":\"payslips\",\"name\":\"Payslips\",\"legalBasis\":\"CONTRACT\","
                + "\"dataCategories\":[\"bank details\"],\"retention\":\"P10Y\"}").status()).isEqualTo(201);
        assertThat(api.put("/purposes/payslips/activity", "{\"activityId\":\"" + activity + "\"}").status()).isEqualTo(200);
        JsonNode findings = api.get("/purposes/activity-findings").json();
        assertThat(findings).extracting(f -> f.get("field").asText() + " " + f.get("activityValue").asText())
                .containsExactly("retention P8Y");

        // the files carry the key and re-import unchanged; the signed register spells the terms out
        String csv = new String(ProcessingRegisterFilesIT.download(api, "/ropa/register?format=csv", "text/csv"), StandardCharsets.UTF_8);
        assertThat(csv).contains("bank details | no |  | tax-10y");
        JsonNode reimported = upload(api, csv);
        assertThat(reimported.get("unchanged").asInt()).isEqualTo(1);
        Api.Reply badKey = api.send(api.request("/ropa/register/imports").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.replace("| tax-10y", "| tax-99y"))));
        assertThat(badKey.status()).isEqualTo(422);
        assertThat(badKey.json().get("errors")).extracting(e -> e.get("line").asInt() + " " + e.get("field").asText())
                .containsExactly("2 data_categories");
        byte[] pdf = ProcessingRegisterFilesIT.download(api, "/reports/processing-register", "application/pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("Retention policies the entries link", "8 years after the end of the calendar year",
                    "HGB § 257(4)");
        }

        // another tenant neither sees the policy nor links it
        Api other = Api.newTenant("retention-b").api();
        ProcessingRegisterIT.systems(other);
        assertThat(other.get("/retention-policies/tax-10y").status()).isEqualTo(404);
        assertThat(other.get("/retention-policies").json()).isEmpty();
        assertThat(other.post("/ropa/activities", linked("PA-1", "tax-10y")).status()).isEqualTo(422);

        // unlinked, it goes; every change is in the audit log
        String words = ProcessingRegisterIT.payroll("PA-1", true, "");
        assertThat(api.put("/ropa/activities/" + activity, words).status()).isEqualTo(200);
        assertThat(api.delete("/retention-policies/tax-10y").status()).isEqualTo(204);
        assertThat(api.get("/retention-policies/tax-10y").status()).isEqualTo(404);
        assertThat(api.get("/retention-policies").json()).isEmpty();
        assertThat(api.post("/retention-policies", BOOKS.replace("P10Y", "P2Y")).status())
                .as("a removed policy's key never comes back with other terms").isEqualTo(409);
        assertThat(api.post("/ropa/activities", linked("PA-2", "tax-10y")).status()).as("nor can it be linked").isEqualTo(422);
        assertThat(ProcessingRegisterIT.auditTypes(api, added.json().get("id").asText()))
                .containsExactly("retention.policy.added", "retention.policy.revised", "retention.policy.removed");
    }

    @Test
    void badInputNamesEveryFieldAndWritesNothing() throws Exception {
        Api.Tenant t = Api.newTenant("retention-bad");
        Map<String, Long> before = BadInputIT.rowCountsOf(t.id());
        Api.Reply bad = t.api().post("/retention-policies", "{\"key\":\"Tax 10y\",\"name\":\"\",\"period\":\"10 years\","
                + "\"startsAt\":\"SOMETIME\",\"action\":\"SHRED\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("key", "name", "period", "startsAt", "action");
        for (String period : new String[] {"P0D", "P2W", "P101Y", "PT5H"}) {
            assertThat(t.api().post("/retention-policies", BOOKS.replace("P10Y", period)).status()).as(period).isEqualTo(422);
        }
        assertThat(t.api().post("/retention-policies", "").status()).isEqualTo(400);
        assertThat(t.api().post("/retention-policies", "{\"key\":").status()).isEqualTo(400);
        assertThat(t.api().put("/retention-policies/nope", BOOKS.replace("\"key\":\"tax-10y\",", "")).status()).isEqualTo(404);
        assertThat(t.api().delete("/retention-policies/nope").status()).isEqualTo(404);
        assertThat(BadInputIT.rowCountsOf(t.id())).isEqualTo(before);
    }

    static JsonNode upload(Api api, String csv) {
        Api.Reply r = api.send(api.request("/ropa/register/imports").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }
}
