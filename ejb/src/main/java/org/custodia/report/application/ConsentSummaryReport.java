package org.custodia.report.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditCheckpoints;
import org.custodia.audit.application.AuditTrail;
import org.custodia.audit.domain.AuditCheckpoint;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;
import org.custodia.reports.model.Report;

/** Per purpose: grants and withdrawals recorded in a period, and subjects currently granted. A signed PDF. */
@Stateless
public class ConsentSummaryReport {

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    EvidencePdf evidence;

    public byte[] generate(Actor actor, Instant from, Instant to) throws SQLException, IOException, GeneralSecurityException {
        if (!from.isBefore(to)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        tenantSession.bind(actor.tenantId());
        List<List<String>> rows = new ArrayList<>();
        long grants = 0;
        long withdrawals = 0;
        try (Connection c = tenantSession.connection(actor.tenantId());
             PreparedStatement ps = c.prepareStatement("select p.purpose_key, p.name, p.version,"
                     + " count(e.id) filter (where e.decision = 'GRANTED'),"
                     + " count(e.id) filter (where e.decision = 'WITHDRAWN'),"
                     + " (select count(*) from app.consent_state s where s.purpose_id = p.id and s.decision = 'GRANTED')"
                     + " from app.consent_purpose p left join app.consent_event e on e.purpose_id = p.id"
                     + " and e.recorded_at >= ? and e.recorded_at < ? group by p.id order by p.purpose_key")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grants += rs.getLong(4);
                    withdrawals += rs.getLong(5);
                    rows.add(List.of(rs.getString(1), rs.getString(2), String.valueOf(rs.getInt(3)),
                            String.valueOf(rs.getLong(4)), String.valueOf(rs.getLong(5)), String.valueOf(rs.getLong(6))));
                }
            }
        }
        ChainVerification chain = audit.verify(actor.tenantId());
        AuditCheckpoint checkpoint = checkpoints.take(actor);
        UUID reportId = UUID.randomUUID();
        List<Report.Block> body = List.of(
                new Report.Paragraph("Consent decisions recorded from " + from + " to " + to + " (end exclusive), per"
                        + " purpose, and the subjects whose current decision is a grant."),
                new Report.KeyValues(List.of(
                        new Report.Entry("Purposes", String.valueOf(rows.size())),
                        new Report.Entry("Grants in period", String.valueOf(grants)),
                        new Report.Entry("Withdrawals in period", String.valueOf(withdrawals)))),
                new Report.Table(List.of("Purpose", "Name", "Version", "Grants", "Withdrawals", "Granted now"), rows));
        byte[] pdf = evidence.render(actor.tenantId(), "Consent summary", reportId, body, chain, checkpoint,
                "Custodia consent summary");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("report", "consent-summary");
        payload.put("from", from.toString());
        payload.put("to", to.toString());
        payload.put("checkpointSeq", checkpoint.headSeq());
        audit.append(actor, "report.generated", "report", reportId.toString(), payload);
        return pdf;
    }
}
