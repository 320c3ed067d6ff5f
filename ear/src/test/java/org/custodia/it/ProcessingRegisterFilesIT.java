package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
 * The register as files: exported as XLSX it re-imports to the same register (in its own tenant: nothing changes; in
 * another: the same entries and systems), as CSV alike; a file with bad rows is refused naming each line and writes
 * nothing; the signed PDF passes pdfsig and veraPDF's PDF/A-2a profile.
 */
@ExtendWith(ArquillianExtension.class)
class ProcessingRegisterFilesIT {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void anExportedRegisterImportsBackToTheSameRegister() throws Exception {
        Api.Tenant a = Api.newTenant("ropa-files");
        ProcessingRegisterIT.systems(a.api());
        assertThat(a.api().post("/ropa/activities", ProcessingRegisterIT.payroll("PA-001", true, "")).status()).isEqualTo(201);
        assertThat(a.api().post("/ropa/activities", "{\"reference\":\"H-7\",\"content\":{\"record\":{\"role\":\"PROCESSOR\","
                + "\"name\":\"Hosting | backups\",\"processor\":{\"name\":\"Acme\",\"contact\":\"dpa@acme.example\"},"
                + "\"controllersServed\":[{\"name\":\"Client AG\",\"contact\":\"c@client.example\"}],\"processingCategories\":[\"storage\"],"
                + "\"securityMeasures\":\"=SUM(A1) is text, not a formula\"}}}").status()).isEqualTo(201);

        byte[] xlsx = download(a.api(), "/ropa/register?format=xlsx", XLSX);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("reference");
            assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(2);
        }
        byte[] csv = download(a.api(), "/ropa/register?format=csv", "text/csv");
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("'=SUM(A1) is text").contains("Hosting | backups");

        JsonNode again = upload(a.api(), xlsx, XLSX);
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("changed").asInt()).as("the same register: no new versions").isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(2);

        // someone changes PA-001 after the export: the old file no longer overwrites it
        String pa1 = a.api().get("/ropa/activities").json().get(1).get("id").asText();
        assertThat(a.api().put("/ropa/activities/" + pa1, ProcessingRegisterIT.payroll("PA-001", true, "\"version\":1,")
                .replace("Monthly salaries", "Salaries")).status()).isEqualTo(200);
        Api.Reply stale = a.api().send(a.api().request("/ropa/register/imports").header("Content-Type", XLSX)
                .POST(HttpRequest.BodyPublishers.ofByteArray(xlsx)));
        assertThat(stale.status()).as(stale.raw().body()).isEqualTo(422);
        assertThat(stale.json().get("errors").get(0).get("field").asText()).isEqualTo("version");
        byte[] fresh = download(a.api(), "/ropa/register?format=xlsx", XLSX);

        Api.Tenant b = Api.newTenant("ropa-files-b");
        JsonNode imported = upload(b.api(), fresh, XLSX);
        assertThat(imported.get("created").asInt()).isEqualTo(2);
        assertThat(imported.get("systemsAdded")).extracting(JsonNode::asText).containsExactly("HR system", "Payroll SaaS");
        assertThat(contents(b.api())).isEqualTo(contents(a.api()));

        Api.Tenant c = Api.newTenant("ropa-files-c");
        byte[] freshCsv = download(a.api(), "/ropa/register?format=csv", "text/csv");
        assertThat(upload(c.api(), freshCsv, "text/csv").get("created").asInt()).isEqualTo(2);
        assertThat(contents(c.api())).isEqualTo(contents(a.api()));
    }

    @Test
    void aFileWithBadRowsIsRefusedNamingEachLineAndWritesNothing() throws Exception {
        Api.Tenant t = Api.newTenant("ropa-files-bad");
        Map<String, Long> before = BadInputIT.rowCountsOf(t.id());
        String header = String.join(",", org.custodia.ropa.domain.RegisterSheet.header().subList(0, 24));
        String csv = header + "\r\n"
                + "PA-1,Payroll,CONTROLLER,,,,,,,,,,,,,,,,,,,,,\r\n"
                + "PA-2,Marketing,BOSS,,,2027-13-01,,,,,,,,,,,,,,,,,,\r\n"
                + "\"PA-3\",\"Support\",\"CONTROLLER\",,nobody@example.org,,,,,,,,,,,,,,,,,,,\r\n"
                + "PA-1,Again,CONTROLLER,,,,,,,,,,,,,,,,,,,,,\r\n"
                + "PA-4,Help desk,CONTROLLER,,,,,,,,,,\"help | MAYBE\",,,,,,,,,,,\r\n";
        Api.Reply refused = t.api().send(t.api().request("/ropa/register/imports").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors")).extracting(e -> e.get("line").asInt() + " " + e.get("field").asText())
                .containsExactly("3 role", "3 review_due", "4 owner", "5 reference", "6 purposes");
        Api.Reply notCsv = t.api().send(t.api().request("/ropa/register/imports").header("Content-Type", XLSX)
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(notCsv.status()).isEqualTo(422);
        assertThat(notCsv.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
        assertThat(t.api().get("/ropa/register?format=pdf").status()).isEqualTo(400);
        assertThat(BadInputIT.rowCountsOf(t.id())).isEqualTo(before);
    }

    @Test
    void theSignedRegisterPassesPdfsigAndPdfA2a() throws Exception {
        Api.Tenant t = Api.newTenant("ropa-pdf");
        ProcessingRegisterIT.systems(t.api());
        assertThat(t.api().post("/ropa/activities", ProcessingRegisterIT.payroll("PA-001", true, "")).status()).isEqualTo(201);
        assertThat(t.api().post("/ropa/activities", ProcessingRegisterIT.payroll("PA-002", false, "")).status()).isEqualTo(201);
        byte[] pdf = download(t.api(), "/reports/processing-register", "application/pdf");
        assertThat(Pdfsig.report(pdf)).contains("Signature Validation: Signature is Valid.", "Total document signed");
        assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_A)).isEmpty();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("Record of processing activities", "PA-001", "PA-002", "securityMeasures", "Art. 30(1)(g)");
        }
    }

    static byte[] download(Api api, String path, String type) throws Exception {
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(api.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(type);
        return r.body();
    }

    static JsonNode upload(Api api, byte[] file, String type) {
        Api.Reply r = api.send(api.request("/ropa/register/imports").header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    /** Each entry's reference and content, by reference: what the register says, whoever holds it. */
    static List<String> contents(Api api) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode s : api.get("/ropa/activities").json()) {
            JsonNode entry = api.get("/ropa/activities/" + s.get("id").asText()).json();
            out.add(s.get("reference").asText() + " " + entry.get("content"));
        }
        return out;
    }
}
