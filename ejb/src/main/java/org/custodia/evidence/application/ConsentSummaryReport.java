package org.custodia.evidence.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.consent.application.ConsentService;
import org.custodia.consent.domain.PurposeTally;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.reports.model.Report;

/** Per purpose: grants and withdrawals recorded in a period, and subjects currently granted. A signed PDF. */
@Stateless
@TenantScoped
public class ConsentSummaryReport {

    @Inject
    ConsentService consents;

    @Inject
    SignedReports reports;

    public byte[] generate(Actor actor, Instant from, Instant to) throws SQLException, IOException, GeneralSecurityException {
        if (!from.isBefore(to)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        List<PurposeTally> tallies = consents.tallies(actor.tenantId(), from, to);
        List<List<String>> rows = tallies.stream().map(t -> List.of(t.purposeKey(), t.name(), String.valueOf(t.version()),
                String.valueOf(t.grants()), String.valueOf(t.withdrawals()), String.valueOf(t.grantedNow()))).toList();
        long grants = tallies.stream().mapToLong(PurposeTally::grants).sum();
        long withdrawals = tallies.stream().mapToLong(PurposeTally::withdrawals).sum();
        List<Report.Block> body = List.of(
                new Report.Paragraph("Consent decisions recorded from " + from + " to " + to + " (end exclusive), per"
                        + " purpose, and the subjects whose current decision is a grant."),
                new Report.KeyValues(List.of(
                        new Report.Entry("Purposes", String.valueOf(rows.size())),
                        new Report.Entry("Grants in period", String.valueOf(grants)),
                        new Report.Entry("Withdrawals in period", String.valueOf(withdrawals)))),
                new Report.Table(List.of("Purpose", "Name", "Version", "Grants", "Withdrawals", "Granted now"), rows));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("from", from.toString());
        facts.put("to", to.toString());
        return reports.publish(actor, "consent-summary", "Consent summary", body, "Custodia consent summary", facts);
    }
}
