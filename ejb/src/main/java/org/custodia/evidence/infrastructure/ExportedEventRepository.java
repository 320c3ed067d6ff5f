package org.custodia.evidence.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.evidence.domain.AuditExportFilter;
import org.custodia.evidence.domain.ExportedEvent;
import org.custodia.platform.persistence.TenantSession;

/**
 * The audit events an export holds: those matching its filter up to the checkpoint's head, streamed in
 * sequence order over the transaction's own connection (an export can hold millions).
 */
@ApplicationScoped
public class ExportedEventRepository {

    /** Takes the events one by one; may write them out as they come. */
    @FunctionalInterface
    public interface EventWriter {
        void write(ExportedEvent event) throws java.io.IOException;
    }

    private static final String COLUMNS = "seq, created_at, event_type, entity_type, entity_id, actor, request_id,"
            + " payload::text, previous_hash, event_hash";

    @Inject
    TenantSession tenantSession;

    public long count(UUID tenantId, AuditExportFilter filter, long maxSeq) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String conditions = conditions(filter, parameters);
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select count(*) from app.audit_event where tenant_id = ?"
                     + " and seq <= ?" + conditions)) {
            bind(ps, tenantId, maxSeq, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Streams every matching event with {@code seq <= maxSeq} to {@code writer}; returns how many. */
    public long each(UUID tenantId, AuditExportFilter filter, long maxSeq, EventWriter writer)
            throws SQLException, java.io.IOException {
        List<Object> parameters = new ArrayList<>();
        String conditions = conditions(filter, parameters);
        long written = 0;
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from app.audit_event where tenant_id = ?"
                     + " and seq <= ?" + conditions + " order by seq")) {
            ps.setFetchSize(1000);
            bind(ps, tenantId, maxSeq, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written++;
                    writer.write(new ExportedEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
        }
        return written;
    }

    /** SQL conditions (after "tenant_id = ? and seq <= ?") and their parameters, in order; null means any. */
    static String conditions(AuditExportFilter filter, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        add(sql, parameters, "created_at >= ?", filter.from() == null ? null : Timestamp.from(filter.from()));
        add(sql, parameters, "created_at < ?", filter.to() == null ? null : Timestamp.from(filter.to()));
        add(sql, parameters, "event_type = ?", filter.eventType());
        add(sql, parameters, "entity_type = ?", filter.entityType());
        add(sql, parameters, "entity_id = ?", filter.entityId());
        add(sql, parameters, "actor = ?", filter.actor());
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            parameters.add(value);
        }
    }

    private static void bind(PreparedStatement ps, UUID tenantId, long maxSeq, List<Object> parameters) throws SQLException {
        ps.setObject(1, tenantId);
        ps.setLong(2, maxSeq);
        for (int i = 0; i < parameters.size(); i++) {
            ps.setObject(3 + i, parameters.get(i));
        }
    }
}
