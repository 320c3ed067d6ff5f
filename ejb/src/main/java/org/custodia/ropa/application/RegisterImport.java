package org.custodia.ropa.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.application.UserService;
import org.custodia.identity.domain.UserAccount;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.ropa.domain.ActivityRules;
import org.custodia.ropa.domain.ActivityStatus;
import org.custodia.ropa.domain.ProcessingActivity;
import org.custodia.retention.application.RetentionPolicies;
import org.custodia.ropa.domain.ProcessingSystem;
import org.custodia.ropa.domain.RegisterColumn;
import org.custodia.ropa.domain.RegisterFormat;
import org.custodia.ropa.domain.RegisterSheet;
import org.custodia.ropa.domain.SheetRow;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository;
import org.custodia.ropa.infrastructure.ProcessingSystemRepository;
import org.custodia.ropa.infrastructure.RegisterCsv;
import org.custodia.ropa.infrastructure.RegisterFiles;
import org.custodia.ropa.infrastructure.RegisterXlsx;

/**
 * A register read from CSV or XLSX, all or nothing: every row is checked first (its columns, the entry's rules, its
 * owner, a reference given twice, an entry in review), and any problem refuses the whole file naming each problem's
 * line and column, writing nothing. Then each row creates its entry or changes the one with its reference, and
 * systems the rows name that the tenant lacks are added; one transaction, audited row by row and as a whole.
 */
@Stateless
@TenantScoped
public class RegisterImport {

    /** What an import did. */
    public record Outcome(int rows, int created, int changed, int unchanged, List<String> systemsAdded) {
    }

    static final int MAX_PROBLEMS = 1_000;

    @Inject
    ProcessingActivityRepository activities;

    @Inject
    ProcessingSystemRepository systems;

    @Inject
    RetentionPolicies retentionPolicies;

    @Inject
    RegisterWriter writer;

    @Inject
    UserService users;

    @Inject
    AuditTrail audit;

    @Inject
    RegisterCsv csv;

    @Inject
    RegisterXlsx xlsx;

    public Outcome run(Actor actor, RegisterFormat format, InputStream in) {
        List<SheetRow> sheet = read(format == RegisterFormat.CSV ? csv : xlsx, in);
        List<RegisterSheet.Problem> problems = new ArrayList<>();
        Map<RegisterColumn, Integer> columns = RegisterSheet.columns(sheet.get(0).cells(), problems);
        refuseIf(problems);
        List<RegisterSheet.ImportRow> rows = new ArrayList<>();
        for (SheetRow row : sheet.subList(1, sheet.size())) {
            RegisterSheet.ImportRow read = RegisterSheet.read(row.line(), columns, row.cells(), problems);
            if (read != null) {
                rows.add(read);
            }
        }
        activities.lockTenant(actor.tenantId());
        Map<String, ProcessingActivity> existing = new HashMap<>();
        activities.all().forEach(a -> existing.put(a.reference(), a));
        Set<String> known = new HashSet<>();
        systems.all().forEach(s -> known.add(s.name()));
        Set<String> added = new LinkedHashSet<>();
        rows.forEach(r -> r.content().systems().stream().filter(s -> s != null && !known.contains(s)).forEach(added::add));
        Set<String> allSystems = new HashSet<>(known);
        allSystems.addAll(added);
        Map<String, UUID> owners = new HashMap<>();
        for (UserAccount u : users.list(actor.tenantId())) {
            owners.put(u.email().toLowerCase(Locale.ROOT), u.id());
        }
        Set<String> policies = retentionPolicies.byKey(actor.tenantId()).keySet();
        List<ProcessingRegister.Draft> drafts = check(rows, existing, allSystems, policies, owners, problems);
        refuseIf(problems);

        for (String name : added) {
            ProcessingSystem s = new ProcessingSystem(UUID.randomUUID(), name, null, null, StoredTime.now(), StoredTime.now());
            systems.add(actor.tenantId(), s);
            audit.append(actor, "ropa.system.added", "processing_system", s.id().toString(), Map.of("name", name, "by", "import"));
        }
        int created = 0;
        int changed = 0;
        for (ProcessingRegister.Draft draft : drafts) {
            ProcessingActivity old = existing.get(draft.reference());
            if (old == null) {
                writer.add(actor, draft);
                created++;
            } else if (writer.change(actor, activities.lock(old.id()).orElseThrow(), draft) != null) {
                changed++;
            }
        }
        Outcome outcome = new Outcome(drafts.size(), created, changed, drafts.size() - created - changed, List.copyOf(added));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("format", format.name());
        facts.put("rows", outcome.rows());
        facts.put("created", created);
        facts.put("changed", changed);
        facts.put("systemsAdded", added.size());
        audit.append(actor, "ropa.register.imported", "processing_register", actor.tenantId().toString(), facts);
        return outcome;
    }

    private static List<SheetRow> read(RegisterFiles files, InputStream in) {
        List<SheetRow> sheet;
        try {
            sheet = files.read(in);
        } catch (RegisterFiles.Unreadable e) {
            throw refusal(List.of(new FieldError("body", e.getMessage(), e.line() == 0 ? null : e.line())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sheet.isEmpty()) {
            throw refusal(List.of(new FieldError("body", "has no header row (the columns: " + String.join(", ", RegisterSheet.header()) + ")", 1)));
        }
        return sheet;
    }

    private static List<ProcessingRegister.Draft> check(List<RegisterSheet.ImportRow> rows, Map<String, ProcessingActivity> existing,
                                                        Set<String> systems, Set<String> policies, Map<String, UUID> owners,
                                                        List<RegisterSheet.Problem> problems) {
        List<ProcessingRegister.Draft> drafts = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (RegisterSheet.ImportRow row : rows) {
            Integer first = seen.putIfAbsent(row.reference(), row.line());
            if (first != null) {
                problems.add(new RegisterSheet.Problem(row.line(), RegisterColumn.REFERENCE.header(), "the reference is already on line "
                        + first));
            }
            for (FieldError e : ActivityRules.problems(row.reference(), row.content(), systems, policies)) {
                problems.add(new RegisterSheet.Problem(row.line(), column(e.field()), e.field() + " " + e.reason()));
            }
            UUID owner = null;
            if (row.ownerEmail() != null) {
                owner = owners.get(row.ownerEmail().toLowerCase(Locale.ROOT));
                if (owner == null) {
                    problems.add(new RegisterSheet.Problem(row.line(), RegisterColumn.OWNER.header(), "is not the email of a user of the"
                            + " organisation"));
                }
            }
            ProcessingActivity old = existing.get(row.reference());
            if (old != null && row.exportedVersion() != null && row.exportedVersion() < old.version()) {
                problems.add(new RegisterSheet.Problem(row.line(), RegisterColumn.VERSION.header(), "the file was exported at version "
                        + row.exportedVersion() + "; the entry is at version " + old.version() + " now: export again and make the change there"));
            }
            if (old != null && old.status() == ActivityStatus.IN_REVIEW) {
                problems.add(new RegisterSheet.Problem(row.line(), RegisterColumn.REFERENCE.header(), "the entry is in review; it cannot"
                        + " change until the DPO has decided"));
            }
            drafts.add(new ProcessingRegister.Draft(row.reference(), row.content(), owner, row.reviewDue()));
        }
        return drafts;
    }

    /** The sheet column a rule's field path ({@code content.record.jointControllers[0].name}) is in. */
    static String column(String path) {
        String field = path.startsWith("content.record.") ? path.substring("content.record.".length())
                : path.startsWith("content.") ? path.substring("content.".length()) : path;
        int end = 0;
        while (end < field.length() && Character.isLetter(field.charAt(end))) {
            end++;
        }
        return field.substring(0, end).replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static void refuseIf(List<RegisterSheet.Problem> problems) {
        if (!problems.isEmpty()) {
            throw refusal(problems.stream().sorted(java.util.Comparator.comparingInt(RegisterSheet.Problem::line)).limit(MAX_PROBLEMS)
                    .map(p -> new FieldError(p.field(), p.reason(), p.line())).toList());
        }
    }

    private static ProblemException refusal(List<FieldError> errors) {
        return new ProblemException(422, "validation", "Invalid register", "The file has " + errors.size()
                + (errors.size() >= MAX_PROBLEMS ? " or more" : "") + " problem(s); nothing was imported.", errors);
    }
}
