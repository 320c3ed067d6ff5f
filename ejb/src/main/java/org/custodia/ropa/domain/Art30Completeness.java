package org.custodia.ropa.domain;

import java.util.ArrayList;
import java.util.List;

import org.custodia.ropa.domain.ProcessingRecord.Party;
import org.custodia.ropa.domain.ProcessingRecord.Transfer;
import org.custodia.ropa.domain.ProcessingRecord.TransferMechanism;

/**
 * What a record of processing still lacks for GDPR Art. 30 (REGULATORY-FACTS.md, "GDPR Art. 30 record of processing"):
 * each gap names its field and the point of the Article that asks for it. A controller's record: (a) controller with
 * contact, joint controllers', the representative's (when one is required) and the DPO's (when designated) contacts;
 * (b) purposes, each with its lawful basis; (c) categories of data subjects and of personal data; (d) recipients (or
 * that there are none); (e) each transfer's country, recipient and mechanism, SCCs with their module, a transfer
 * impact assessment for SCCs and BCRs, safeguards for an Art. 49(1) derogation; (f) a retention period per data
 * category; (g) the security measures. A processor's record: Art. 30(2)(a)-(d) alike.
 */
public final class Art30Completeness {

    /** A missing or incomplete field: where it is, and which point of Art. 30 asks for it. */
    public record Gap(String field, String article, String reason) {
    }

    private Art30Completeness() {
    }

    public static List<Gap> gaps(ProcessingRecord r) {
        List<Gap> gaps = new ArrayList<>();
        if (blank(r.name())) {
            gaps.add(new Gap("name", "Art. 30", "the activity needs a name"));
        }
        return r.role() == ProcessingRecord.Role.PROCESSOR ? processor(r, gaps) : controller(r, gaps);
    }

    private static List<Gap> controller(ProcessingRecord r, List<Gap> gaps) {
        party(r.controller(), "controller", "Art. 30(1)(a)", true, gaps);
        for (int i = 0; i < r.jointControllers().size(); i++) {
            party(r.jointControllers().get(i), "jointControllers[" + i + "]", "Art. 30(1)(a)", true, gaps);
        }
        party(r.representative(), "representative", "Art. 30(1)(a)", r.representativeRequired(), gaps);
        party(r.dpo(), "dpo", "Art. 30(1)(a)", r.dpoDesignated(), gaps);
        if (r.purposes().isEmpty()) {
            gaps.add(new Gap("purposes", "Art. 30(1)(b)", "name at least one purpose"));
        }
        for (int i = 0; i < r.purposes().size(); i++) {
            if (blank(r.purposes().get(i).description())) {
                gaps.add(new Gap("purposes[" + i + "].description", "Art. 30(1)(b)", "describe the purpose"));
            }
            if (r.purposes().get(i).lawfulBasis() == null) {
                gaps.add(new Gap("purposes[" + i + "].lawfulBasis", "Art. 30(1)(b), Art. 6(1)", "give the purpose its lawful basis"));
            }
        }
        if (r.dataSubjectCategories().stream().allMatch(Art30Completeness::blank)) {
            gaps.add(new Gap("dataSubjectCategories", "Art. 30(1)(c)", "name the categories of data subjects"));
        }
        dataCategories(r, gaps);
        if (!r.noRecipients() && r.recipients().stream().allMatch(Art30Completeness::blank)) {
            gaps.add(new Gap("recipients", "Art. 30(1)(d)", "name the categories of recipients, or state there are none"));
        }
        transfers(r.transfers(), "Art. 30(1)(e)", gaps);
        security(r, "Art. 30(1)(g)", gaps);
        return gaps;
    }

    private static List<Gap> processor(ProcessingRecord r, List<Gap> gaps) {
        party(r.processor(), "processor", "Art. 30(2)(a)", true, gaps);
        if (r.controllersServed().isEmpty()) {
            gaps.add(new Gap("controllersServed", "Art. 30(2)(a)", "name each controller the processing is done for"));
        }
        for (int i = 0; i < r.controllersServed().size(); i++) {
            party(r.controllersServed().get(i), "controllersServed[" + i + "]", "Art. 30(2)(a)", true, gaps);
        }
        party(r.representative(), "representative", "Art. 30(2)(a)", r.representativeRequired(), gaps);
        party(r.dpo(), "dpo", "Art. 30(2)(a)", r.dpoDesignated(), gaps);
        if (r.processingCategories().stream().allMatch(Art30Completeness::blank)) {
            gaps.add(new Gap("processingCategories", "Art. 30(2)(b)", "name the categories of processing carried out for each controller"));
        }
        transfers(r.transfers(), "Art. 30(2)(c)", gaps);
        security(r, "Art. 30(2)(d)", gaps);
        return gaps;
    }

    private static void dataCategories(ProcessingRecord r, List<Gap> gaps) {
        if (r.dataCategories().isEmpty()) {
            gaps.add(new Gap("dataCategories", "Art. 30(1)(c)", "name the categories of personal data"));
        }
        for (int i = 0; i < r.dataCategories().size(); i++) {
            ProcessingRecord.DataCategory c = r.dataCategories().get(i);
            if (blank(c.name())) {
                gaps.add(new Gap("dataCategories[" + i + "].name", "Art. 30(1)(c)", "name the category"));
            }
            if (blank(c.retention()) && c.retentionPolicy() == null) {
                gaps.add(new Gap("dataCategories[" + i + "].retention", "Art. 30(1)(f)",
                        "give the time limit for erasing this category, or link a retention policy"));
            }
        }
    }

    private static void transfers(List<Transfer> transfers, String article, List<Gap> gaps) {
        for (int i = 0; i < transfers.size(); i++) {
            Transfer t = transfers.get(i);
            String at = "transfers[" + i + "]";
            if (blank(t.country())) {
                gaps.add(new Gap(at + ".country", article, "name the third country or international organisation"));
            }
            if (blank(t.recipient())) {
                gaps.add(new Gap(at + ".recipient", article, "name who receives the data"));
            }
            if (t.mechanism() == null) {
                gaps.add(new Gap(at + ".mechanism", article + ", Chapter V", "give the transfer's mechanism (adequacy, SCCs, BCRs, derogation)"));
                continue;
            }
            if (t.mechanism() == TransferMechanism.SCC && (t.sccModule() == null || t.sccModule() < 1 || t.sccModule() > 4)) {
                gaps.add(new Gap(at + ".sccModule", "Art. 46(2)(c), Decision 2021/914", "name the SCC module (1 to 4)"));
            }
            if ((t.mechanism() == TransferMechanism.SCC || t.mechanism() == TransferMechanism.BCR) && blank(t.assessmentReference())) {
                gaps.add(new Gap(at + ".assessmentReference", "Art. 46, CJEU C-311/18 (Schrems II)", "reference the transfer impact assessment"));
            }
            if (t.mechanism() == TransferMechanism.DEROGATION && blank(t.safeguards())) {
                gaps.add(new Gap(at + ".safeguards", article + ", Art. 49(1)", "document the suitable safeguards"));
            }
        }
    }

    private static void security(ProcessingRecord r, String article, List<Gap> gaps) {
        if (blank(r.securityMeasures())) {
            gaps.add(new Gap("securityMeasures", article + ", Art. 32(1)", "describe the technical and organisational security measures"));
        }
    }

    private static void party(Party p, String field, String article, boolean needed, List<Gap> gaps) {
        if (!needed) {
            return;
        }
        if (p == null || blank(p.name())) {
            gaps.add(new Gap(field + ".name", article, "give the name"));
        }
        if (p == null || blank(p.contact())) {
            gaps.add(new Gap(field + ".contact", article, "give the contact details"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
