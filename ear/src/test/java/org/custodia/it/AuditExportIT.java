package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.custodia.reports.testing.Pdfsig;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/** Audit exports (NDJSON, CSV, signed PDF) with their checkpoint, and the report verification endpoint. */
@ExtendWith(ArquillianExtension.class)
class AuditExportIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void ndjsonExportStartsWithTheManifestAndHoldsEveryEventUpToTheSignedCheckpoint() throws Exception {
        Api.Tenant t = tenantWithEvents("export-ndjson");
        long before = t.api().get("/audit/verify").json().get("headSeq").asLong();
        HttpResponse<String> r = download(t.api(), "/audit/export?format=ndjson");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<String> lines = r.body().lines().toList();
        JsonNode manifest = Api.JSON.readTree(lines.get(0));
        assertThat(manifest.get("record").asText()).isEqualTo("export");
        assertThat(manifest.get("chain").get("intact").asBoolean()).isTrue();
        assertThat(manifest.get("checkpoint").get("headSeq").asLong()).isEqualTo(before);
        assertThat(lines).hasSize(1 + (int) before);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(Api.JSON.readTree(lines.get(i)).get("seq").asLong()).isEqualTo(i);
        }
        // the checkpoint and the export are themselves audited
        assertThat(ConsentApiIT.eventTypes(t.api())).endsWith("audit.checkpoint.taken", "audit.exported");
        assertThat(t.api().get("/audit/checkpoints").json().get(0).get("headSeq").asLong()).isEqualTo(before);
    }

    @Test
    void csvExportFiltersAndCarriesTheManifestInAHeader() throws Exception {
        Api.Tenant t = tenantWithEvents("export-csv");
        HttpResponse<String> r = download(t.api(), "/audit/export?format=csv&eventType=consent.granted");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> lines = r.body().lines().toList();
        assertThat(lines.get(0)).startsWith("seq,created_at,event_type");
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).satisfiesAnyOf(
                x -> assertThat(x).startsWith("seq,"), x -> assertThat(x).contains(",consent.granted,")));
        JsonNode manifest = Api.JSON.readTree(Base64.getUrlDecoder().decode(
                r.headers().firstValue("Custodia-Export-Manifest").orElseThrow()));
        assertThat(manifest.get("filter").get("eventType").asText()).isEqualTo("consent.granted");
        assertThat(t.api().get("/audit/export?format=xlsx").status()).isEqualTo(400);
        assertThat(t.api().get("/audit/export?format=csv&from=yesterday").json().get("errors").get(0).get("field")
                .asText()).isEqualTo("from");
    }

    @Test
    void aSignedPdfExportVerifiesWithPdfsigAndWithTheVerifyEndpoint_untilTheChainIsTampered() throws Exception {
        Api.Tenant t = tenantWithEvents("export-pdf");
        byte[] pdf = downloadBytes(t.api(), "/audit/export?format=pdf");
        String pdfsig = Pdfsig.report(pdf);
        assertThat(pdfsig).contains("Signature Validation: Signature is Valid.", "Total document signed",
                "ETSI.CAdES.detached");

        JsonNode ok = verify(t.api(), pdf);
        assertThat(ok.get("signaturesValid").asBoolean()).isTrue();
        assertThat(ok.get("checkpointSignatureValid").asBoolean()).isTrue();
        assertThat(ok.get("checkpointMatchesChain").asBoolean()).isTrue();
        assertThat(ok.get("signatures").get(0).get("signer").asText()).contains("export-pdf");

        byte[] flipped = pdf.clone();
        // one byte of the report itself, before the signature's reserved /Contents
        int contents = new String(pdf, StandardCharsets.ISO_8859_1).lastIndexOf("/Contents <");
        assertThat(contents).isPositive();
        flipped[contents / 2] ^= 0x01;
        assertThat(verify(t.api(), flipped).get("signaturesValid").asBoolean()).isFalse();

        Api.Tenant other = Api.newTenant("export-other");
        JsonNode foreign = verify(other.api(), pdf);
        assertThat(foreign.get("signaturesValid").asBoolean()).isTrue();
        assertThat(foreign.get("checkpointProblem").asText()).contains("another tenant");

        try (Connection c = TestDatabase.owner()) {
            c.setAutoCommit(false);
            RowLevelSecurityIT.bind(c, t.id());
            try (Statement s = c.createStatement()) {
                s.execute("alter table app.audit_event disable trigger audit_event_append_only");
                s.executeUpdate("update app.audit_event set actor = 'forged' where seq = 2");
                s.execute("alter table app.audit_event enable trigger audit_event_append_only");
            }
            c.commit();
        }
        JsonNode tampered = verify(t.api(), pdf);
        assertThat(tampered.get("signaturesValid").asBoolean()).isTrue();
        assertThat(tampered.get("checkpointSignatureValid").asBoolean()).isTrue();
        assertThat(tampered.get("checkpointMatchesChain").asBoolean()).isFalse();
    }

    @Test
    void aReportSignedWithAnotherKeyOfTheSameNameIsNotOurs_evenWithAGenuineCheckpoint() throws Exception {
        Api.Tenant t = tenantWithEvents("forged");
        byte[] genuine = downloadBytes(t.api(), "/audit/export?format=pdf");
        JsonNode ok = verify(t.api(), genuine);
        assertThat(ok.get("verified").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.get("signerIsTenant").asBoolean()).isTrue();
        assertThat(ok.get("problem").isNull()).isTrue();

        // a key of its own with the tenant certificate's subject DN, and the genuine checkpoint copied over
        String checkpoint;
        try (var document = org.apache.pdfbox.Loader.loadPDF(genuine)) {
            checkpoint = org.custodia.reports.pdf.PdfReportRenderer.checkpointOf(document);
        }
        java.security.cert.X509Certificate tenantCertificate = (java.security.cert.X509Certificate)
                java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(
                        t.api().get("/signing-key").json().get("pem").asText().getBytes(StandardCharsets.US_ASCII)));
        var subject = new org.bouncycastle.asn1.x500.X500Name(tenantCertificate.getSubjectX500Principal().getName());
        var forger = org.custodia.reports.signing.SelfSignedIdentities.generate(
                org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(subject.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.O)[0].getFirst().getValue()),
                org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(subject.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN)[0].getFirst().getValue()),
                java.time.Duration.ofDays(30));
        assertThat(forger.certificate().getSubjectX500Principal()).isEqualTo(tenantCertificate.getSubjectX500Principal());
        byte[] unsigned = new org.custodia.reports.pdf.PdfReportRenderer().render(new org.custodia.reports.model.Report(
                "Audit log export", "forged", java.util.UUID.randomUUID().toString(), java.time.Instant.now(),
                List.of(new org.custodia.reports.model.Report.Paragraph("Nothing to see here."))), checkpoint);
        byte[] forged = new org.custodia.reports.signing.PadesSigner().sign(unsigned, forger, "forged", "forged",
                java.time.Instant.now());

        JsonNode refused = verify(t.api(), forged);
        assertThat(refused.get("signaturesValid").asBoolean()).isTrue(); // the CMS itself is fine
        assertThat(refused.get("checkpointSignatureValid").asBoolean()).isTrue(); // and so is the copied checkpoint
        assertThat(refused.get("signerIsTenant").asBoolean()).isFalse();
        assertThat(refused.get("verified").asBoolean()).isFalse();
        assertThat(refused.get("problem").asText()).contains("not signed with a key of this tenant");

        // a genuine report with a later revision signed by the forger is not the tenant's either
        byte[] countersigned = new org.custodia.reports.signing.PadesSigner().sign(genuine, forger, "forged", "forged",
                java.time.Instant.now());
        JsonNode appended = verify(t.api(), countersigned);
        assertThat(appended.get("verified").asBoolean()).isFalse();
        assertThat(appended.get("signerIsTenant").asBoolean()).isFalse();
        assertThat(appended.get("problem").asText()).contains("not signed with a key of this tenant");
    }

    @Test
    void aFlateBombIsRefusedCleanlyAndTheServerStaysWell() throws Exception {
        Api.Tenant t = tenantWithEvents("bomb");
        byte[] bomb = org.custodia.reports.untrusted.HostilePdfs.flateBomb(3L * 1024 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(1024 * 1024);
        Api.Reply r = t.api().send(t.api().request("/reports/verify").timeout(java.time.Duration.ofMinutes(2))
                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(bomb)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
        // the server still verifies a genuine report
        JsonNode ok = verify(t.api(), downloadBytes(t.api(), "/audit/export?format=pdf"));
        assertThat(ok.get("signaturesValid").asBoolean()).isTrue();
        assertThat(ok.get("checkpointMatchesChain").asBoolean()).isTrue();
    }

    @Test
    void theConsentSummaryIsASignedReportThatVerifiesAndIsAudited() throws Exception {
        Api.Tenant t = tenantWithEvents("summary");
        assertThat(t.api().post("/consents", "{\"subject\":\"s-1\",\"purpose\":\"ads\",\"action\":\"withdraw\"}")
                .status()).isEqualTo(201);
        byte[] pdf = downloadBytes(t.api(), "/reports/consent-summary");
        assertThat(Pdfsig.report(pdf)).contains("Signature Validation: Signature is Valid.", "Total document signed");
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            // ads: 2 grants and 1 withdrawal in the period; 1 subject (s-2) granted now
            assertThat(text).contains("Consent summary", "Grants in period 2", "Withdrawals in period 1", "ads Ads 1 2 1 1");
        }
        JsonNode verified = verify(t.api(), pdf);
        assertThat(verified.get("signaturesValid").asBoolean()).isTrue();
        assertThat(verified.get("checkpointMatchesChain").asBoolean()).isTrue();
        assertThat(ConsentApiIT.eventTypes(t.api())).contains("report.generated");
        assertThat(t.api().get("/reports/consent-summary?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z").status())
                .isEqualTo(422);
    }

    @Test
    void theCheckpointRoundSignsChangedChainsOnlyAndOnlyForTheOperator() {
        Api.Tenant t = tenantWithEvents("sweep");
        assertThat(t.api().post("/admin/checkpoints/run", "").status()).isEqualTo(401);
        Api.Reply first = Api.admin().post("/admin/checkpoints/run", "");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("checkpointsTaken").asInt()).isPositive();
        JsonNode checkpoints = t.api().get("/audit/checkpoints").json();
        assertThat(checkpoints).hasSize(1);
        assertThat(checkpoints.get(0).get("headSeq").asLong()).isEqualTo(6); // bootstrap 3 + purpose + 2 grants
        assertThat(Api.admin().post("/admin/checkpoints/run", "").json().get("checkpointsTaken").asInt()).isZero();
        assertThat(t.api().get("/audit/checkpoints").json()).hasSize(1);
        assertThat(t.api().post("/consents", "{\"subject\":\"s-9\",\"purpose\":\"ads\",\"action\":\"grant\"}")
                .status()).isEqualTo(201);
        assertThat(Api.admin().post("/admin/checkpoints/run", "").json().get("checkpointsTaken").asInt()).isEqualTo(1);
        JsonNode latest = t.api().get("/audit/checkpoints").json().get(0);
        assertThat(latest.get("headSeq").asLong()).isEqualTo(8);
        assertThat(DsarTimerIT.events(t.api()).stream().filter(e -> e.get("eventType").asText()
                .equals("audit.checkpoint.taken")).map(e -> e.get("actor").asText()).distinct().toList())
                .containsExactly("system:checkpoint-schedule");
    }

    @Test
    void aTenantCanImportItsOwnPkcs12AndReportsAreThenSignedWithIt() throws Exception {
        Api.Tenant t = tenantWithEvents("own-key");
        byte[] before = downloadBytes(t.api(), "/audit/export?format=pdf");
        var identity = org.custodia.reports.signing.SelfSignedIdentities.generate("Own CA Customer", "Imported signer",
                java.time.Duration.ofDays(30));
        java.security.KeyStore p12 = java.security.KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("signer", identity.privateKey(), "s3cret-pass".toCharArray(),
                identity.chain().toArray(new java.security.cert.Certificate[0]));
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        p12.store(file, "s3cret-pass".toCharArray());
        String encoded = Base64.getEncoder().encodeToString(file.toByteArray());

        Map<String, Long> rows = BadInputIT.rowCounts();
        Api.Reply wrongPassword = t.api().send(t.api().request("/signing-key").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"pkcs12\":\"" + encoded + "\",\"password\":\"nope\"}")));
        assertThat(wrongPassword.status()).as(wrongPassword.raw().body()).isEqualTo(422);
        assertThat(wrongPassword.json().get("errors").get(0).get("field").asText()).isEqualTo("password");
        Api.Reply garbage = t.api().send(t.api().request("/signing-key").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"pkcs12\":\"aGVsbG8=\",\"password\":\"x\"}")));
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.json().get("errors").get(0).get("field").asText()).isEqualTo("pkcs12");
        assertThat(BadInputIT.rowCounts()).isEqualTo(rows);

        Api.Reply imported = t.api().send(t.api().request("/signing-key").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"pkcs12\":\"" + encoded + "\",\"password\":\"s3cret-pass\"}")));
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        assertThat(imported.json().get("subject").asText()).contains("CN=Imported signer");
        assertThat(t.api().get("/signing-key").json().get("pem").asText()).startsWith("-----BEGIN CERTIFICATE-----");

        byte[] after = downloadBytes(t.api(), "/audit/export?format=pdf");
        assertThat(Pdfsig.report(after)).contains("Imported signer", "Signature Validation: Signature is Valid.");
        assertThat(verify(t.api(), after).get("checkpointSignatureValid").asBoolean()).isTrue();
        // reports signed before the import still verify: their checkpoint names the retired key
        JsonNode old = verify(t.api(), before);
        assertThat(old.get("signaturesValid").asBoolean()).isTrue();
        assertThat(old.get("checkpointSignatureValid").asBoolean()).isTrue();
        assertThat(old.get("signerIsTenant").asBoolean()).isTrue(); // the retired key is still the tenant's
        assertThat(old.get("verified").asBoolean()).as(old.toString()).isTrue();
        assertThat(verify(t.api(), after).get("verified").asBoolean()).isTrue();
        assertThat(ConsentApiIT.eventTypes(t.api())).contains("tenant.signing_key.imported");
    }

    @Test
    void theTenantSigningKeyIsStoredEnvelopeEncrypted() throws Exception {
        Api.Tenant t = Api.newTenant("keys-at-rest");
        try (var c = TestDatabase.superuser(ItEnvironment.DATABASE);
             var ps = c.prepareStatement("select kek_id, length(wrapped_data_key), encrypted_private_key, key_algorithm"
                     + " from app.tenant_signing_key where tenant_id = ?::uuid")) {
            ps.setString(1, t.id().toString());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kek-1");
                assertThat(rs.getInt(2)).isEqualTo(12 + 32 + 16); // nonce + AES-256 key + GCM tag
                byte[] encrypted = rs.getBytes(3);
                // a PKCS#8 EC key starts with a DER SEQUENCE and the ecPublicKey OID; the ciphertext must not
                assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain(
                        new String(new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01}, StandardCharsets.ISO_8859_1));
                assertThat(rs.getString(4)).isEqualTo("EC");
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(ConsentApiIT.eventTypes(t.api())).contains("tenant.signing_key.created");
    }

    static Api.Tenant tenantWithEvents(String label) {
        Api.Tenant t = Api.newTenant(label);
        assertThat(t.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}").status()).isEqualTo(201);
        for (String s : List.of("s-1", "s-2")) {
            assertThat(t.api().post("/consents", "{\"subject\":\"" + s + "\",\"purpose\":\"ads\",\"action\":\"grant\"}")
                    .status()).isEqualTo(201);
        }
        return t;
    }

    static HttpResponse<String> download(Api api, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(api.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static byte[] downloadBytes(Api api, String path) throws Exception {
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(api.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        return r.body();
    }

    static JsonNode verify(Api api, byte[] pdf) {
        Api.Reply r = api.send(api.request("/reports/verify").header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }
}
