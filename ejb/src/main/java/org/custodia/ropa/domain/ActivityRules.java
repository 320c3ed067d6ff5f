package org.custodia.ropa.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.custodia.platform.problem.FieldError;
import org.custodia.ropa.domain.ProcessingRecord.DataCategory;
import org.custodia.ropa.domain.ProcessingRecord.Party;
import org.custodia.ropa.domain.ProcessingRecord.Purpose;
import org.custodia.ropa.domain.ProcessingRecord.Transfer;

/**
 * What an entry must be to be stored at all (as opposed to {@link Art30Completeness}, what it must say to be complete):
 * a reference, a name and a role, text within bounds, systems and retention policies the tenant has, data flows between the activity's own
 * systems and recipients. An incomplete draft is fine; a malformed one is refused with every problem named.
 */
public final class ActivityRules {

    public static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int NAME_MAX = 300;
    public static final int TEXT_MAX = 4000;
    public static final int ITEMS_MAX = 200;

    private ActivityRules() {
    }

    /** The problems of an entry, with field paths as the API names them ({@code content.record.purposes[0].description}). */
    public static List<FieldError> problems(String reference, ActivityContent content, Set<String> knownSystems,
                                            Set<String> knownRetentionPolicies) {
        List<FieldError> errors = new ArrayList<>();
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            errors.add(new FieldError("reference", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (content == null) {
            errors.add(new FieldError("content", "is required"));
            return errors;
        }
        text(content.description(), "content.description", TEXT_MAX, errors);
        ProcessingRecord r = content.record();
        if (r == null) {
            errors.add(new FieldError("content.record", "is required"));
            return errors;
        }
        record(r, "content.record", knownRetentionPolicies, errors);
        systemsAndFlows(content, r, knownSystems, errors);
        return errors;
    }

    private static void record(ProcessingRecord r, String at, Set<String> knownRetentionPolicies, List<FieldError> errors) {
        if (r.role() == null) {
            errors.add(new FieldError(at + ".role", "must be CONTROLLER or PROCESSOR"));
        }
        if (r.name() == null || r.name().isBlank()) {
            errors.add(new FieldError(at + ".name", "is required"));
        } else {
            text(r.name(), at + ".name", NAME_MAX, errors);
        }
        party(r.controller(), at + ".controller", errors);
        parties(r.jointControllers(), at + ".jointControllers", errors);
        party(r.representative(), at + ".representative", errors);
        party(r.dpo(), at + ".dpo", errors);
        party(r.processor(), at + ".processor", errors);
        parties(r.controllersServed(), at + ".controllersServed", errors);
        if (size(r.purposes(), at + ".purposes", errors)) {
            for (int i = 0; i < r.purposes().size(); i++) {
                Purpose p = r.purposes().get(i);
                if (p == null) {
                    errors.add(new FieldError(at + ".purposes[" + i + "]", "must not be null"));
                } else {
                    text(p.description(), at + ".purposes[" + i + "].description", TEXT_MAX, errors);
                }
            }
        }
        texts(r.dataSubjectCategories(), at + ".dataSubjectCategories", errors);
        if (size(r.dataCategories(), at + ".dataCategories", errors)) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < r.dataCategories().size(); i++) {
                DataCategory c = r.dataCategories().get(i);
                String ci = at + ".dataCategories[" + i + "]";
                if (c == null) {
                    errors.add(new FieldError(ci, "must not be null"));
                    continue;
                }
                text(c.name(), ci + ".name", NAME_MAX, errors);
                text(c.retention(), ci + ".retention", TEXT_MAX, errors);
                if (c.retentionPolicy() != null && !knownRetentionPolicies.contains(c.retentionPolicy())) {
                    errors.add(new FieldError(ci + ".retentionPolicy", "is not a retention policy of this tenant (see /retention-policies)"));
                }
                if (c.name() != null && !c.name().isBlank() && !names.add(c.name().strip())) {
                    errors.add(new FieldError(ci + ".name", "is named twice"));
                }
            }
        }
        texts(r.recipients(), at + ".recipients", errors);
        if (size(r.transfers(), at + ".transfers", errors)) {
            for (int i = 0; i < r.transfers().size(); i++) {
                transfer(r.transfers().get(i), at + ".transfers[" + i + "]", errors);
            }
        }
        text(r.securityMeasures(), at + ".securityMeasures", TEXT_MAX, errors);
        texts(r.processingCategories(), at + ".processingCategories", errors);
    }

    private static void transfer(Transfer t, String at, List<FieldError> errors) {
        if (t == null) {
            errors.add(new FieldError(at, "must not be null"));
            return;
        }
        text(t.country(), at + ".country", NAME_MAX, errors);
        text(t.recipient(), at + ".recipient", NAME_MAX, errors);
        text(t.assessmentReference(), at + ".assessmentReference", NAME_MAX, errors);
        text(t.safeguards(), at + ".safeguards", TEXT_MAX, errors);
        if (t.sccModule() != null && (t.sccModule() < 1 || t.sccModule() > 4)) {
            errors.add(new FieldError(at + ".sccModule", "must be 1 to 4 (Decision 2021/914)"));
        }
        if (t.sccModule() != null && t.mechanism() != ProcessingRecord.TransferMechanism.SCC) {
            errors.add(new FieldError(at + ".sccModule", "only SCC transfers have a module"));
        }
    }

    private static void systemsAndFlows(ActivityContent content, ProcessingRecord r, Set<String> knownSystems, List<FieldError> errors) {
        Set<String> own = new HashSet<>();
        if (size(content.systems(), "content.systems", errors)) {
            for (int i = 0; i < content.systems().size(); i++) {
                String s = content.systems().get(i);
                if (s != null && s.length() > 200) {
                    errors.add(new FieldError("content.systems[" + i + "]", "a system name is at most 200 characters"));
                } else if (s == null || !knownSystems.contains(s)) {
                    errors.add(new FieldError("content.systems[" + i + "]", "is not one of the tenant's systems (GET /ropa/systems)"));
                } else if (!own.add(s)) {
                    errors.add(new FieldError("content.systems[" + i + "]", "is listed twice"));
                }
            }
        }
        Set<String> categories = new HashSet<>();
        r.dataCategories().stream().filter(c -> c != null && c.name() != null).forEach(c -> categories.add(c.name().strip()));
        if (!size(content.flows(), "content.flows", errors)) {
            return;
        }
        for (int i = 0; i < content.flows().size(); i++) {
            ActivityContent.DataFlow f = content.flows().get(i);
            String at = "content.flows[" + i + "]";
            if (f == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            if (f.from() == null || !own.contains(f.from())) {
                errors.add(new FieldError(at + ".from", "must be one of the activity's systems"));
            }
            if (f.to() == null || !own.contains(f.to()) && !r.recipients().contains(f.to())) {
                errors.add(new FieldError(at + ".to", "must be one of the activity's systems or recipients"));
            }
            for (int j = 0; j < f.dataCategories().size(); j++) {
                if (!categories.contains(f.dataCategories().get(j))) {
                    errors.add(new FieldError(at + ".dataCategories[" + j + "]", "is not one of the activity's data categories"));
                }
            }
            text(f.description(), at + ".description", TEXT_MAX, errors);
        }
    }

    private static void parties(List<Party> parties, String at, List<FieldError> errors) {
        if (size(parties, at, errors)) {
            for (int i = 0; i < parties.size(); i++) {
                if (parties.get(i) == null) {
                    errors.add(new FieldError(at + "[" + i + "]", "must not be null"));
                } else {
                    party(parties.get(i), at + "[" + i + "]", errors);
                }
            }
        }
    }

    private static void party(Party p, String at, List<FieldError> errors) {
        if (p != null) {
            text(p.name(), at + ".name", NAME_MAX, errors);
            text(p.contact(), at + ".contact", TEXT_MAX, errors);
        }
    }

    private static void texts(List<String> texts, String at, List<FieldError> errors) {
        if (size(texts, at, errors)) {
            for (int i = 0; i < texts.size(); i++) {
                if (texts.get(i) == null || texts.get(i).isBlank()) {
                    errors.add(new FieldError(at + "[" + i + "]", "must not be blank"));
                } else {
                    text(texts.get(i), at + "[" + i + "]", NAME_MAX, errors);
                }
            }
        }
    }

    private static boolean size(List<?> list, String at, List<FieldError> errors) {
        if (list.size() > ITEMS_MAX) {
            errors.add(new FieldError(at, "must have at most " + ITEMS_MAX + " items"));
            return false;
        }
        return true;
    }

    private static void text(String value, String at, int max, List<FieldError> errors) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(at, "must be at most " + max + " characters"));
        }
    }
}
