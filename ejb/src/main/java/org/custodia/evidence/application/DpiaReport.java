package org.custodia.evidence.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dpia.application.DpiaService;
import org.custodia.dpia.domain.Dpia;
import org.custodia.dpia.domain.DpiaTemplate;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.reports.model.Report;
import org.custodia.ropa.application.ProcessingRegister;

/**
 * One DPIA as a signed PDF/A: the activity assessed, the screening with the rule that decided it, every question with
 * its answer, the risks found with their ratings, whether prior consultation (Art. 36) is required, and the DPO's opinion
 * and sign-off.
 */
@Stateless
@TenantScoped
public class DpiaReport {

    @Inject
    DpiaService dpias;

    @Inject
    ProcessingRegister activities;

    @Inject
    SignedReports reports;

    public byte[] generate(Actor actor, UUID id) throws SQLException, IOException, GeneralSecurityException {
        DpiaService.Assessment a = dpias.get(actor.tenantId(), id);
        Dpia d = a.dpia();
        var activity = activities.get(actor.tenantId(), d.activityId());
        List<Report.Block> body = new ArrayList<>();
        body.add(new Report.KeyValues(List.of(
                new Report.Entry("Assessment", d.reference() + ": " + d.title()),
                new Report.Entry("Processing activity", activity.reference() + ": " + activity.name()),
                new Report.Entry("Status", d.status().name().toLowerCase().replace('_', ' ')),
                new Report.Entry("Questionnaire", d.templateKey() + ", version " + d.templateVersion()),
                new Report.Entry("Review due", d.reviewDue() == null ? "not set" : d.reviewDue().toString()))));
        body.add(new Report.Heading("Screening (GDPR Art. 35(1) and (3), WP248 rev.01)"));
        body.add(new Report.KeyValues(List.of(
                new Report.Entry("WP248 criteria met", names(d.screening().criteria())),
                new Report.Entry("Art. 35(3) cases", names(d.screening().cases())),
                new Report.Entry("Controller's reasoning", d.screening().reasoning() == null ? "none given" : d.screening().reasoning()),
                new Report.Entry("Outcome", d.screening().result().outcome().name().toLowerCase().replace('_', ' ')),
                new Report.Entry("Because", d.screening().result().because()))));
        body.add(new Report.Heading("Assessment (Art. 35(7))"));
        List<Report.Entry> answers = new ArrayList<>();
        for (DpiaTemplate.Question q : a.template().questions()) {
            answers.add(new Report.Entry(q.text(), d.answers().getOrDefault(q.id(), q.required() ? "NOT ANSWERED" : "not answered")));
        }
        body.add(new Report.KeyValues(answers));
        d.standingSignOff().ifPresent(signed -> {
            body.add(new Report.Heading("Risks found, as signed off (" + signed.at() + ")"));
            body.add(signed.risks().isEmpty() ? new Report.Paragraph("The assessment recorded no risks.")
                    : new Report.Table(List.of("Risk", "Title", "Inherent", "Residual", "Status"), signed.risks().stream()
                            .map(r -> List.of(r.reference(), r.title(), r.inherent(), r.residual(), r.status().toLowerCase())).toList()));
        });
        body.add(new Report.Heading(d.status() == org.custodia.dpia.domain.DpiaStatus.APPROVED ? "Risks found, as the register holds them now"
                : "Risks found"));
        body.add(a.risks().isEmpty() ? new Report.Paragraph("The assessment records no risks.")
                : new Report.Table(List.of("Risk", "Title", "Inherent", "Residual", "Status"), a.risks().stream().map(r -> List.of(
                        r.risk().reference(), r.risk().title(), r.inherent().score() + " (" + r.inherent().band().name() + ")",
                        r.residual() == null ? "not treated yet" : r.residual().score() + " (" + r.residual().band().name() + ")",
                        r.risk().status().name().toLowerCase())).toList()));
        body.add(new Report.Heading("Prior consultation (Art. 36)"));
        body.add(new Report.Paragraph(a.priorConsultation().map(why -> "Required. " + why + ".")
                .orElse("Not required: no risk found remains in the highest band after treatment.")));
        body.add(new Report.Heading("The DPO's opinion (Art. 35(2))"));
        body.add(d.dpo() == null ? new Report.Paragraph("Not yet given.") : new Report.KeyValues(List.of(
                new Report.Entry("Decision", d.dpo().decision().toLowerCase().replace('_', ' ')),
                new Report.Entry("Opinion", d.dpo().opinion() == null ? "no written opinion" : d.dpo().opinion()),
                new Report.Entry("Given by", d.dpo().decidedBy()),
                new Report.Entry("On", d.dpo().decidedAt() == null ? "?" : d.dpo().decidedAt().toString()))));
        Map<String, Object> facts = Map.of("dpia", id.toString());
        return reports.publish(actor, "dpia", "Data protection impact assessment " + d.reference(), body, "Custodia DPIA report", facts);
    }

    private static String names(java.util.Set<? extends Enum<?>> values) {
        return values.isEmpty() ? "none" : String.join(", ", values.stream().map(v -> v.name().toLowerCase().replace('_', ' ')).sorted().toList());
    }
}
