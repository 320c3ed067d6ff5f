package org.custodia.evidence.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which audit events an export holds: a time range [from, to) and exact matches; null means any. */
public record AuditExportFilter(Instant from, Instant to, String eventType, String entityType, String entityId,
                                String actor) {

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
