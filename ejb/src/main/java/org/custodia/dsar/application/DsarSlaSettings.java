package org.custodia.dsar.application;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.dsar.domain.DsarType;
import org.custodia.dsar.domain.SlaTiming;
import org.custodia.dsar.infrastructure.SlaTimingRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * The tenant's service levels around the legal deadline, per process and request type: how long before it the
 * DPO is warned and how long after it an open request is escalated. A request takes them at intake and again
 * when its deadline moves; changing them does not move the timers of requests already open.
 */
@Stateless
@TenantScoped
public class DsarSlaSettings {

    /** One row as given: process, type (or {@code *}), ISO-8601 durations. */
    public record Row(String process, String type, String warningBefore, String escalationAfter) {
    }

    /** More rows than process × (types + {@code *}) can only repeat one. */
    static final int MAX_ROWS = 1 + DsarType.values().length;

    @Inject
    SlaTimingRepository timings;

    @Inject
    AuditTrail audit;

    public List<SlaTiming> of(@TenantId UUID tenantId) {
        return timings.all();
    }

    /** The timing a request of this type gets. */
    public SlaTiming timingFor(@TenantId UUID tenantId, DsarType type) {
        return SlaTiming.of(timings.all(), type);
    }

    /** The tenant's rows become exactly these (none: the defaults, 7 days before and 2 days after). */
    public List<SlaTiming> replace(Actor actor, List<Row> rows) {
        List<FieldError> problems = new ArrayList<>();
        if (rows == null) {
            throw ProblemException.invalid("rows", "is required: a list, empty for the defaults");
        }
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.invalid("rows", "must hold at most " + MAX_ROWS + " rows (one per type and one for *)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String at = "rows[" + i + "].";
            if (row == null) {
                problems.add(new FieldError("rows[" + i + "]", "must be an object"));
                continue;
            }
            problems.addAll(SlaTiming.problems(at, row.process(), row.type(), row.warningBefore(), row.escalationAfter()));
            if (!seen.add(row.process() + "/" + row.type())) {
                problems.add(new FieldError(at + "type", "repeats an earlier row's process and type"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        List<SlaTiming> parsed = rows.stream()
                .map(r -> SlaTiming.parse(r.process(), r.type(), r.warningBefore(), r.escalationAfter())).toList();
        timings.replace(actor.tenantId(), parsed, StoredTime.now());
        Map<String, Object> payload = new LinkedHashMap<>();
        parsed.forEach(t -> payload.put(t.process() + "/" + t.type(), t.warningBefore() + " before, " + t.escalationAfter() + " after"));
        audit.append(actor, "settings.sla_updated", "tenant", actor.tenantId().toString(), payload);
        return timings.all();
    }
}
