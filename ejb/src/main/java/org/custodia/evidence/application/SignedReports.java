package org.custodia.evidence.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.audit.domain.ChainVerification;
import org.custodia.evidence.domain.AuditCheckpoint;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.reports.model.Report;

/**
 * What every report of the tenant's own records ends with: the chain verified, a checkpoint taken and embedded, the
 * PDF/A rendered and signed, and the report's generation audited ({@code report.generated} with what it was of).
 */
@Stateless
@TenantScoped
public class SignedReports {

    @Inject
    AuditTrail audit;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    EvidencePdf evidence;

    /** @param facts what the audit event says of the report besides its name and checkpoint (e.g. its period) */
    public byte[] publish(Actor actor, String report, String title, List<Report.Block> body, String reason, Map<String, ?> facts)
            throws SQLException, IOException, GeneralSecurityException {
        ChainVerification chain = audit.verify(actor.tenantId());
        AuditCheckpoint checkpoint = checkpoints.take(actor);
        UUID reportId = UUID.randomUUID();
        byte[] pdf = evidence.render(actor.tenantId(), title, reportId, body, chain, checkpoint, reason);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("report", report);
        payload.putAll(facts);
        payload.put("checkpointSeq", checkpoint.headSeq());
        audit.append(actor, "report.generated", "report", reportId.toString(), payload);
        return pdf;
    }
}
