package org.custodia.evidence.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.reports.model.Report;
import org.custodia.risk.application.RiskRegister;
import org.custodia.risk.application.RiskRegister.RatedRisk;
import org.custodia.risk.application.RiskTreatments;
import org.custodia.risk.domain.HeatMap;
import org.custodia.risk.domain.RiskBands;
import org.custodia.risk.domain.Treatment;

/**
 * The risk register as a signed PDF/A: the heat maps before and after treatment (each a figure whose text alternative
 * gives every cell's count), the risks with their ratings, and the treatment plans.
 */
@Stateless
@TenantScoped
public class RiskRegisterReport {

    @Inject
    RiskRegister register;

    @Inject
    RiskTreatments treatments;

    @Inject
    SignedReports reports;

    public byte[] generate(Actor actor) throws SQLException, IOException, GeneralSecurityException {
        List<RatedRisk> risks = register.list(actor.tenantId());
        List<Report.Band> bands = register.bands(actor.tenantId()).coloured().stream()
                .map(b -> new Report.Band(b.from(), b.to(), b.name(), b.colour())).toList();
        HeatMap.Map5x5 inherent = register.heatMap(actor.tenantId(), false);
        HeatMap.Map5x5 residual = register.heatMap(actor.tenantId(), true);
        List<Report.Block> body = new ArrayList<>();
        body.add(new Report.Paragraph("The organisation's risks rated on a 5 × 5 matrix (likelihood × impact, ISO 31000 risk analysis),"
                + " before treatment (inherent) and after it (residual; a risk not yet treated keeps its inherent rating), with the"
                + " bands " + describe(register.bands(actor.tenantId())) + ". Closed risks are listed but not mapped."));
        body.add(new Report.HeatMap("Inherent risk (" + inherent.total() + " risks)", inherent.counts(), bands));
        body.add(new Report.HeatMap("Residual risk (" + residual.total() + " risks)", residual.counts(), bands));
        body.add(new Report.Heading("Risks"));
        body.add(risks.isEmpty() ? new Report.Paragraph("The register holds no risks.")
                : new Report.Table(List.of("Risk", "Title", "Status", "Inherent", "Residual", "Source", "Activities"),
                        risks.stream().map(RiskRegisterReport::row).toList()));
        List<Treatment> plans = treatments.all(actor.tenantId());
        Map<UUID, String> references = new HashMap<>();
        risks.forEach(r -> references.put(r.risk().id(), r.risk().reference()));
        body.add(new Report.Heading("Treatment plans"));
        body.add(plans.isEmpty() ? new Report.Paragraph("No treatment plans.")
                : new Report.Table(List.of("Risk", "Strategy", "Plan", "Due", "Status"), plans.stream().map(t -> List.of(
                        references.getOrDefault(t.riskId(), "?"), t.strategy().name().toLowerCase(), t.description(),
                        t.dueDate() == null ? "none" : t.dueDate().toString(), t.status().name().toLowerCase().replace('_', ' '))).toList()));
        Map<String, Object> facts = Map.of("risks", risks.size());
        return reports.publish(actor, "risk-register", "Risk register", body, "Custodia risk register", facts);
    }

    private static List<String> row(RatedRisk r) {
        var risk = r.risk();
        return List.of(risk.reference(), risk.title(), risk.status().name().toLowerCase(),
                r.inherent().likelihood() + " × " + r.inherent().impact() + " = " + r.inherent().score() + " (" + r.inherent().band().name() + ")",
                r.residual() == null ? "not treated yet" : r.residual().likelihood() + " × " + r.residual().impact() + " = "
                        + r.residual().score() + " (" + r.residual().band().name() + ")",
                risk.source(), String.valueOf(risk.activityIds().size()));
    }

    private static String describe(RiskBands bands) {
        return String.join(", ", bands.coloured().stream().map(b -> b.name() + " " + b.from() + "-" + b.to()).toList());
    }
}
