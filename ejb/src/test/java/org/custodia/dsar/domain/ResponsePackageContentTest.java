package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.custodia.reports.model.Report;
import org.custodia.reports.pdf.PdfReportRenderer;
import org.junit.jupiter.api.Test;

class ResponsePackageContentTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID REF = UUID.fromString("0b6f1c2e-0000-4000-8000-000000000042");
    static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant DUE = Instant.parse("2026-04-01T21:59:59Z");
    static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    static final UUID SHOP = UUID.fromString("5a000000-0000-4000-8000-000000000001");
    static final UUID CRM = UUID.fromString("5a000000-0000-4000-8000-000000000002");

    static ResponsePackageContent content(DsarType type, List<ResponsePackageContent.Source> sources) {
        return new ResponsePackageContent("Acme GmbH", new ResponsePackageContent.RequestFacts(REF, type, Jurisdiction.EU_GDPR,
                RECEIVED, DUE), sources, NOW);
    }

    static List<ResponsePackageContent.Source> shopAndSkippedCrm() {
        Map<String, List<Map<String, Object>>> found = new LinkedHashMap<>();
        found.put("profile", List.of(row("name", "Ada Lovelace", "email", "ada@example.org")));
        found.put("orders", List.of(row("order_no", "ORD-1001", "total", 19.90), row("order_no", "ORD-1002", "total", 5.00)));
        return List.of(new ResponsePackageContent.Source(SHOP, "Shop DB", DiscoveryStep.Status.DONE, null, found),
                new ResponsePackageContent.Source(CRM, "CRM", DiscoveryStep.Status.SKIPPED, "CRM retired in 2025; no data kept", null));
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void theJsonNamesTheRequestThenEverySystemsCategoriesAndRows_andTheSkippedSourcesWithTheirReason() throws Exception {
        JsonNode json = JSON.readTree(content(DsarType.ACCESS, shopAndSkippedCrm()).json());
        assertThat(json.get("format").asText()).isEqualTo(ResponsePackageContent.FORMAT);
        assertThat(json.get("organisation").asText()).isEqualTo("Acme GmbH");
        JsonNode request = json.get("request");
        assertThat(request.get("reference").asText()).isEqualTo(REF.toString());
        assertThat(request.get("type").asText()).isEqualTo("ACCESS");
        assertThat(request.get("jurisdiction").asText()).isEqualTo("EU_GDPR");
        assertThat(request.get("receivedAt").asText()).isEqualTo(RECEIVED.toString());
        assertThat(request.get("dueAt").asText()).isEqualTo(DUE.toString());
        assertThat(json.get("carriesData").asBoolean()).isTrue();
        JsonNode shop = json.get("data").get("Shop DB");
        assertThat(shop.get("profile").get(0).get("email").asText()).isEqualTo("ada@example.org");
        assertThat(shop.get("orders")).hasSize(2);
        assertThat(shop.get("orders").get(1).get("order_no").asText()).isEqualTo("ORD-1002");
        assertThat(json.get("data").has("CRM")).isFalse();
        assertThat(json.get("searched")).hasSize(2);
        assertThat(json.get("searched").get(0).get("rowsPerCategory").get("orders").asInt()).isEqualTo(2);
        assertThat(json.get("skipped")).hasSize(1);
        assertThat(json.get("skipped").get(0).get("connector").asText()).isEqualTo("CRM");
        assertThat(json.get("skipped").get(0).get("reason").asText()).isEqualTo("CRM retired in 2025; no data kept");
    }

    @Test
    void onlyAccessAndPortabilityCarryTheRows_otherTypesCountThem() throws Exception {
        assertThat(ResponsePackageContent.carriesData(DsarType.PORTABILITY)).isTrue();
        for (DsarType type : List.of(DsarType.RECTIFICATION, DsarType.OBJECTION, DsarType.RESTRICTION, DsarType.ERASURE)) {
            ResponsePackageContent c = content(type, shopAndSkippedCrm());
            JsonNode json = JSON.readTree(c.json());
            assertThat(json.get("carriesData").asBoolean()).isFalse();
            assertThat(json.has("data")).isFalse();
            assertThat(new String(c.json(), StandardCharsets.UTF_8)).doesNotContain("ada@example.org");
            assertThat(json.get("searched").get(0).get("rowsPerCategory").get("profile").asInt()).isEqualTo(1);
            assertThat(text(c.summary())).doesNotContain("ada@example.org").contains("not copied");
        }
    }

    @Test
    void theSummaryPdfOpensAndSaysWhatWasAskedSearchedFoundAndTheRights() throws Exception {
        ResponsePackageContent c = content(DsarType.ACCESS, shopAndSkippedCrm());
        assertThat(c.rowCount()).isEqualTo(3);
        assertThat(c.connectorCount()).isEqualTo(2);
        String text = text(c.summary());
        assertThat(text).contains("What was asked", REF.toString(), "ACCESS", "EU_GDPR", "What was searched", "Shop DB",
                "retired", "Categories and row counts", "orders", "ORD-1002", "ada@example.org", "Your rights",
                "supervisory", "Art. 77");
    }

    @Test
    void tablesAreBoundedAndSayWhereTheRestIs() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int col = 0; col < 10; col++) {
                r.put("c" + col, "row-" + i + "-" + "x".repeat(col == 0 ? 500 : 1));
            }
            rows.add(r);
        }
        List<Report.Block> blocks = ResponsePackageContent.table(rows);
        Report.Table table = (Report.Table) blocks.get(0);
        assertThat(table.rows()).hasSize(ResponsePackageContent.MAX_PDF_ROWS);
        assertThat(table.header()).hasSize(ResponsePackageContent.MAX_PDF_COLUMNS);
        assertThat(table.rows().get(0).get(0)).hasSizeLessThanOrEqualTo(ResponsePackageContent.MAX_CELL + 1).endsWith("…");
        assertThat(((Report.Paragraph) blocks.get(1)).text()).contains("100 of 5000 rows", "6 of 10 columns", "response.json");

        Map<String, List<Map<String, Object>>> found = Map.of("events", rows);
        ResponsePackageContent big = content(DsarType.ACCESS,
                List.of(new ResponsePackageContent.Source(SHOP, "Shop DB", DiscoveryStep.Status.DONE, null, found)));
        assertThat(JSON.readTree(big.json()).get("data").get("Shop DB").get("events")).hasSize(5_000); // everything in the JSON
        try (PDDocument pdf = Loader.loadPDF(new PdfReportRenderer().render(big.summary()))) {
            assertThat(pdf.getNumberOfPages()).isLessThan(50); // 100 rows (about 35 pages of wrapped cells), not 5,000 (over 1,500)
        }
    }

    @Test
    void aPackageBeyondTheMaximumFailsWithAClearCause() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String kib = "y".repeat(1024);
        for (int i = 0; i < 34 * 1024; i++) {
            rows.add(Map.of("blob", kib));
        }
        ResponsePackageContent huge = content(DsarType.PORTABILITY,
                List.of(new ResponsePackageContent.Source(SHOP, "Shop DB", DiscoveryStep.Status.DONE, null, Map.of("blobs", rows))));
        assertThatThrownBy(huge::json).isInstanceOf(ResponsePackageContent.TooLarge.class)
                .hasMessageContaining("response.json").hasMessageContaining(String.valueOf(ResponsePackageContent.MAX_JSON_BYTES));
    }

    @Test
    void theArchiveHoldsBothFilesAndAManifestOfTheirSha256() throws Exception {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] pdf = "%PDF-1.7 fake".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ResponseArchive.zip(REF.toString(), json, pdf)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries).containsOnlyKeys("response.json", "summary.pdf", "manifest.json");
        assertThat(entries.get("response.json")).isEqualTo(json);
        assertThat(entries.get("summary.pdf")).isEqualTo(pdf);
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        assertThat(manifest.get("reference").asText()).isEqualTo(REF.toString());
        assertThat(manifest.get("files").get(0).get("name").asText()).isEqualTo("response.json");
        assertThat(manifest.get("files").get(0).get("sha256").asText())
                .isEqualTo("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"); // sha256 of {"a":1}
        assertThat(manifest.get("files").get(1).get("size").asInt()).isEqualTo(pdf.length);
    }

    @Test
    void everyJurisdictionNamesWhereToComplain() {
        for (Jurisdiction j : Jurisdiction.values()) {
            assertThat(RightsText.of(j)).as(j.name()).containsAnyOf("complain", "complaint", "petition", "Attorney General");
        }
    }

    static String text(Report report) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(new PdfReportRenderer().render(report))) {
            return new PDFTextStripper().getText(pdf);
        }
    }
}
