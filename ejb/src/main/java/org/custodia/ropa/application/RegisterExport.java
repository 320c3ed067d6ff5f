package org.custodia.ropa.application;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.application.UserService;
import org.custodia.identity.domain.UserAccount;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.ropa.domain.ActivityContent;
import org.custodia.ropa.domain.ActivityJson;
import org.custodia.ropa.domain.Art30Completeness;
import org.custodia.ropa.domain.ProcessingActivity;
import org.custodia.ropa.domain.RegisterFormat;
import org.custodia.ropa.domain.RegisterSheet;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository;
import org.custodia.ropa.infrastructure.RegisterCsv;
import org.custodia.ropa.infrastructure.RegisterXlsx;

/** The whole register as CSV or XLSX (what {@link RegisterImport} reads back), or as rows for a report; audited. */
@Stateless
@TenantScoped
public class RegisterExport {

    @Inject
    ProcessingActivityRepository activities;

    @Inject
    UserService users;

    @Inject
    AuditTrail audit;

    @Inject
    RegisterCsv csv;

    @Inject
    RegisterXlsx xlsx;

    public byte[] file(Actor actor, RegisterFormat format) {
        List<RegisterSheet.ExportRow> rows = rows(actor.tenantId());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            (format == RegisterFormat.CSV ? csv : xlsx).write(RegisterSheet.header(), rows.stream().map(RegisterSheet::cells).toList(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("format", e.getMessage() + "; export CSV instead");
        }
        audit.append(actor, "ropa.register.exported", "processing_register", actor.tenantId().toString(),
                Map.of("format", format.name(), "entries", rows.size()));
        return out.toByteArray();
    }

    /** Every entry as it now reads, by reference, with its owner's email. */
    public List<RegisterSheet.ExportRow> rows(@TenantId UUID tenantId) {
        Map<UUID, String> emails = users.list(tenantId).stream().collect(Collectors.toMap(UserAccount::id, UserAccount::email));
        return activities.all().stream().map(a -> row(a, emails)).toList();
    }

    private static RegisterSheet.ExportRow row(ProcessingActivity a, Map<UUID, String> emails) {
        ActivityContent content = ActivityJson.read(a.contentJson());
        return new RegisterSheet.ExportRow(a.reference(), a.ownerId() == null ? null : emails.get(a.ownerId()), a.reviewDue(), a.status(),
                a.version(), a.approvedVersion(), Art30Completeness.gaps(content.record()).size(), content);
    }
}
