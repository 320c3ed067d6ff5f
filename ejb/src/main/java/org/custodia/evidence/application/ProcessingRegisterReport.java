package org.custodia.evidence.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.reports.model.Report;
import org.custodia.retention.application.RetentionPolicies;
import org.custodia.retention.domain.RetentionPolicy;
import org.custodia.ropa.application.RegisterExport;
import org.custodia.ropa.domain.ActivityStatus;
import org.custodia.ropa.domain.Art30Completeness;
import org.custodia.ropa.domain.ProcessingRecord;
import org.custodia.ropa.domain.ProcessingRecord.Party;
import org.custodia.ropa.domain.RegisterSheet.ExportRow;

/**
 * The record of processing activities (GDPR Art. 30) as a signed PDF/A a regulator reads: the controller's entries with
 * points (a)-(g) as columns, the processor's with Art. 30(2), and what each entry still lacks, with the article asking.
 */
@Stateless
@TenantScoped
public class ProcessingRegisterReport {

    @Inject
    RegisterExport register;

    @Inject
    SignedReports reports;

    @Inject
    RetentionPolicies retentionPolicies;

    public byte[] generate(Actor actor) throws SQLException, IOException, GeneralSecurityException {
        List<ExportRow> rows = register.rows(actor.tenantId());
        Map<String, RetentionPolicy> policies = retentionPolicies.byKey(actor.tenantId());
        List<ExportRow> controller = rows.stream().filter(r -> r.content().record().role() == ProcessingRecord.Role.CONTROLLER).toList();
        List<ExportRow> processor = rows.stream().filter(r -> r.content().record().role() == ProcessingRecord.Role.PROCESSOR).toList();
        List<Report.Block> body = new ArrayList<>();
        body.add(new Report.Paragraph("The record of processing activities kept under Article 30 of the GDPR, as it reads now: each"
                + " entry's current version, its status (APPROVED: the version a DPO approved), and what Article 30 still asks of it."));
        body.add(new Report.KeyValues(List.of(
                new Report.Entry("Entries", String.valueOf(rows.size())),
                new Report.Entry("Approved as they read", String.valueOf(rows.stream().filter(r -> r.status() == ActivityStatus.APPROVED).count())),
                new Report.Entry("Complete under Article 30", String.valueOf(rows.stream().filter(r -> r.missing() == 0).count())),
                new Report.Entry("Controller entries (Art. 30(1))", String.valueOf(controller.size())),
                new Report.Entry("Processor entries (Art. 30(2))", String.valueOf(processor.size())))));
        if (!controller.isEmpty()) {
            body.add(new Report.Heading("Processing as controller (Art. 30(1))"));
            body.add(new Report.Table(List.of("Entry", "(a) Controller, DPO", "(b) Purposes and lawful basis", "(c) Data subjects",
                    "(c, f) Personal data and retention", "(d) Recipients", "(e) Transfers", "(g) Security measures"),
                    controller.stream().map(r -> controllerRow(r, policies)).toList()));
        }
        if (!processor.isEmpty()) {
            body.add(new Report.Heading("Processing as processor (Art. 30(2))"));
            body.add(new Report.Table(List.of("Entry", "(a) Processor, DPO", "(a) Controllers served", "(b) Categories of processing",
                    "(c) Transfers", "(d) Security measures"), processor.stream().map(ProcessingRegisterReport::processorRow).toList()));
        }
        java.util.Set<String> linkedKeys = rows.stream().flatMap(r -> r.content().record().dataCategories().stream())
                .map(ProcessingRecord.DataCategory::retentionPolicy).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        List<RetentionPolicy> linked = policies.values().stream().filter(p -> linkedKeys.contains(p.key())).toList();
        if (!linked.isEmpty()) {
            body.add(new Report.Heading("Retention policies the entries link (Art. 30(1)(f))"));
            body.add(new Report.Table(List.of("Policy", "Name", "Time limit for erasure", "Legal reference"), linked.stream()
                    .map(p -> List.of(p.key(), p.name(), p.summary(), orNone(p.legalReference()))).toList()));
        }
        List<List<String>> gaps = new ArrayList<>();
        for (ExportRow r : rows) {
            for (Art30Completeness.Gap g : Art30Completeness.gaps(r.content().record())) {
                gaps.add(List.of(r.reference(), g.field(), g.article(), g.reason()));
            }
        }
        body.add(new Report.Heading("What Article 30 still asks for"));
        body.add(gaps.isEmpty() ? new Report.Paragraph("Every entry is complete.")
                : new Report.Table(List.of("Entry", "Field", "Article", "What is missing"), gaps));
        Map<String, Object> facts = Map.of("entries", rows.size());
        return reports.publish(actor, "processing-register", "Record of processing activities", body, "Custodia record of processing activities", facts);
    }

    private static List<String> controllerRow(ExportRow r, Map<String, RetentionPolicy> policies) {
        ProcessingRecord p = r.content().record();
        return List.of(entry(r), join(List.of(party("Controller", p.controller()), parties("Joint", p.jointControllers()),
                        p.representativeRequired() ? party("Representative", p.representative()) : "",
                        p.dpoDesignated() ? party("DPO", p.dpo()) : "")),
                lines(p.purposes().stream().map(u -> orNone(u.description()) + " (" + (u.lawfulBasis() == null ? "no lawful basis given"
                        : u.lawfulBasis().name().toLowerCase().replace('_', ' ')) + ")").toList()),
                lines(p.dataSubjectCategories()),
                lines(p.dataCategories().stream().map(c -> orNone(c.name()) + (c.special() ? " (special category)" : "") + ": "
                        + retention(c, policies)).toList()),
                p.noRecipients() ? "none" : lines(p.recipients()), transfers(p), orNone(p.securityMeasures()));
    }

    private static String retention(ProcessingRecord.DataCategory c, Map<String, RetentionPolicy> policies) {
        RetentionPolicy p = c.retentionPolicy() == null ? null : policies.get(c.retentionPolicy());
        // a key not among the policies read (removed in between): still named, never passed over
        String policy = c.retentionPolicy() == null ? null : p == null ? "policy " + c.retentionPolicy() : p.summary() + " (policy " + p.key() + ")";
        if (c.retention() == null) {
            return policy == null ? "no retention given" : policy;
        }
        return policy == null ? c.retention() : c.retention() + "; " + policy;
    }

    private static List<String> processorRow(ExportRow r) {
        ProcessingRecord p = r.content().record();
        return List.of(entry(r), join(List.of(party("Processor", p.processor()),
                        p.representativeRequired() ? party("Representative", p.representative()) : "", p.dpoDesignated() ? party("DPO", p.dpo()) : "")),
                parties("", p.controllersServed()), lines(p.processingCategories()), transfers(p), orNone(p.securityMeasures()));
    }

    private static String entry(ExportRow r) {
        return r.reference() + "\n" + r.content().record().name() + "\n" + r.status().name().toLowerCase().replace('_', ' ')
                + ", version " + r.version() + (r.approvedVersion() != null && r.approvedVersion() != r.version()
                ? " (approved: " + r.approvedVersion() + ")" : "") + (r.missing() > 0 ? "\n" + r.missing() + " point(s) missing" : "");
    }

    private static String transfers(ProcessingRecord p) {
        return p.transfers().isEmpty() ? "none" : lines(p.transfers().stream().map(t -> orNone(t.country()) + ", " + orNone(t.recipient()) + ": "
                + (t.mechanism() == null ? "no mechanism given" : t.mechanism().name()
                + (t.sccModule() != null ? " module " + t.sccModule() : "")
                + (t.assessmentReference() != null ? ", TIA " + t.assessmentReference() : "")
                + (t.safeguards() != null ? ", safeguards: " + t.safeguards() : ""))).toList());
    }

    private static String party(String label, Party p) {
        return p == null ? "" : (label.isEmpty() ? "" : label + ": ") + (p.name() == null ? "?" : p.name())
                + (p.contact() == null ? "" : ", " + p.contact());
    }

    private static String parties(String label, List<Party> parties) {
        return parties.stream().map(p -> party(label, p)).collect(Collectors.joining("\n"));
    }

    private static String join(List<String> parts) {
        return parts.stream().filter(s -> !s.isEmpty()).collect(Collectors.joining("\n"));
    }

    private static String lines(List<String> items) {
        return items.isEmpty() ? "none given" : String.join("\n", items);
    }

    private static String orNone(String s) {
        return s == null ? "none given" : s;
    }
}
