package org.custodia.audit.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which audit events an export holds: a time range [from, to) and exact matches; null means any. */
public record AuditExportFilter(Instant from, Instant to, String eventType, String entityType, String entityId,
                                String actor) {

    /** SQL conditions (after "tenant_id = ? and seq <= ?") and their parameters, in order. */
    public String conditions(List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        add(sql, parameters, "created_at >= ?", from == null ? null : java.sql.Timestamp.from(from));
        add(sql, parameters, "created_at < ?", to == null ? null : java.sql.Timestamp.from(to));
        add(sql, parameters, "event_type = ?", eventType);
        add(sql, parameters, "entity_type = ?", entityType);
        add(sql, parameters, "entity_id = ?", entityId);
        add(sql, parameters, "actor = ?", actor);
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            parameters.add(value);
        }
    }

    /** As recorded in the export's audit event and printed in the report. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        if (from != null) d.put("from", from.toString());
        if (to != null) d.put("to", to.toString());
        if (eventType != null) d.put("eventType", eventType);
        if (entityType != null) d.put("entityType", entityType);
        if (entityId != null) d.put("entityId", entityId);
        if (actor != null) d.put("actor", actor);
        return d;
    }

    public List<String> describeLines() {
        List<String> lines = new ArrayList<>();
        describe().forEach((k, v) -> lines.add(k + " = " + v));
        return lines;
    }
}
