package org.custodia.consent.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.consent.domain.ConsentDecision;
import org.custodia.consent.domain.ConsentState;
import org.custodia.consent.domain.StateChange;
import org.custodia.consent.domain.StatePrecedence;
import org.custodia.platform.persistence.TenantSession;

/**
 * The current-state projection {@code app.consent_state}: one row per subject and purpose, moved by the ledger
 * in the transaction that appends the event. The check's reads ({@link #current}, {@link #eachCurrent}) are plain
 * JDBC on a connection they bind themselves (the hot path: one primary-key read, or one streamed scan); every
 * other method runs in the calling service's transaction, already bound to its tenant.
 */
@Stateless
public class ConsentStateRepository {

    /** The projection's columns as the check reads them, and their mapping (from column {@code first} on). */
    private static final String STATE_COLUMNS = "s.decision, s.source, s.purpose_version, s.notice_version, s.expires_at, s.recorded_at";

    /**
     * The projection's only writer: each subject and purpose takes the latest of the given events (by recordedAt),
     * and replaces the held row when the last parameter says so (RECORDED_NOW) or when the held row is not newer
     * (LATEST_RECORDED) — see {@link StatePrecedence}.
     */
    private static final String ADVANCE = "insert into app.consent_state (tenant_id, subject_id, purpose_id, decision,"
            + " purpose_version, last_event_id, recorded_at, source, notice_version, expires_at)"
            + " select distinct on (u.subject, u.purpose) ?, u.subject, u.purpose, u.decision, u.pv, u.id, u.recorded, ?, u.nv, u.expires"
            + " from unnest(?::uuid[], ?::text[], ?::uuid[], ?::int[], ?::text[], ?::timestamptz[], ?::int[], ?::timestamptz[])"
            + " as u(id, subject, purpose, pv, decision, recorded, nv, expires) order by u.subject, u.purpose, u.recorded desc"
            + " on conflict (tenant_id, subject_id, purpose_id) do update set decision = excluded.decision,"
            + " purpose_version = excluded.purpose_version, last_event_id = excluded.last_event_id, recorded_at = excluded.recorded_at,"
            + " source = excluded.source, notice_version = excluded.notice_version, expires_at = excluded.expires_at"
            + " where ? or app.consent_state.recorded_at <= excluded.recorded_at";

    /** A subject's current grant on a purpose: the granting event and the notice version it was given under. */
    public record CurrentGrant(UUID eventId, Integer noticeVersion) {
    }

    /** A grant whose validity ended: what the expiry appends EXPIRED for. */
    public record DueGrant(String subjectId, UUID purposeId, UUID lastEventId) {
    }

    /** Receives one state of a bulk read; returns false to stop. */
    public interface StateSink {
        boolean accept(String purposeKey, String subjectId, ConsentState state);
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    /** A subject's current state on a purpose, from the projection (one primary-key read). */
    public ConsentState current(UUID tenantId, UUID purposeId, String subjectId) throws SQLException {
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select " + STATE_COLUMNS
                     + " from app.consent_state s where s.tenant_id = ? and s.purpose_id = ? and s.subject_id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, purposeId);
            ps.setString(3, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return ConsentState.NONE;
                }
                return stateAt(rs, 1);
            }
        }
    }

    /** Streams every current state of the tenant (for the check cache's preload), in one transaction. */
    public void eachCurrent(UUID tenantId, StateSink sink) throws SQLException {
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select p.purpose_key, s.subject_id, " + STATE_COLUMNS
                     + " from app.consent_state s join app.consent_purpose p on p.id = s.purpose_id")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!sink.accept(rs.getString(1).intern(), rs.getString(2), stateAt(rs, 3))) {
                        return;
                    }
                }
            }
        }
    }

    private static ConsentState stateAt(ResultSet rs, int first) throws SQLException {
        int notice = rs.getInt(first + 3);
        Integer noticeVersion = rs.wasNull() ? null : notice;
        Timestamp expires = rs.getTimestamp(first + 4);
        return new ConsentState(ConsentDecision.valueOf(rs.getString(first)), rs.getString(first + 1).intern(), rs.getInt(first + 2),
                noticeVersion, expires == null ? null : expires.toInstant(), rs.getTimestamp(first + 5).toInstant());
    }

    /** The subject's current grant on the purpose, row locked until the transaction ends. */
    public Optional<CurrentGrant> grantForUpdate(String subjectId, UUID purposeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select last_event_id, notice_version from app.consent_state where subject_id = ?1"
                + " and purpose_id = ?2 and decision = 'GRANTED' for update").setParameter(1, subjectId).setParameter(2, purposeId)
                .getResultList();
        return rows.stream().findFirst().map(r -> new CurrentGrant((UUID) r[0], r[1] == null ? null : ((Number) r[1]).intValue()));
    }

    /** Grants whose validity ended, oldest end first, at most {@code limit}; locked, skipping rows another round holds. */
    public List<DueGrant> dueForExpiry(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select s.subject_id, s.purpose_id, s.last_event_id from app.consent_state s"
                        + " where s.decision = 'GRANTED' and s.expires_at <= now() order by s.expires_at limit ?1 for update skip locked")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new DueGrant((String) r[0], (UUID) r[1], (UUID) r[2])).toList();
    }

    /**
     * Moves the projection to the given events (their rows must be flushed already), on the transaction's own
     * connection: one statement for one event or a batch of thousands. {@code precedence} decides whether an event
     * replaces a held state recorded later than it.
     */
    public void advance(UUID tenantId, String source, StatePrecedence precedence, List<StateChange> changes) {
        int n = changes.size();
        if (n == 0) {
            return;
        }
        UUID[] ids = new UUID[n];
        String[] subjects = new String[n];
        UUID[] purposes = new UUID[n];
        Integer[] purposeVersions = new Integer[n];
        String[] decisions = new String[n];
        Timestamp[] recorded = new Timestamp[n];
        Integer[] noticeVersions = new Integer[n];
        Timestamp[] expires = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            StateChange s = changes.get(i);
            ids[i] = s.eventId();
            subjects[i] = s.subjectId();
            purposes[i] = s.purposeId();
            purposeVersions[i] = s.purposeVersion();
            decisions[i] = s.decision().name();
            recorded[i] = Timestamp.from(s.recordedAt());
            noticeVersions[i] = s.noticeVersion();
            expires[i] = s.expiresAt() == null ? null : Timestamp.from(s.expiresAt());
        }
        Connection c = TransactionConnection.of(em);
        try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            ps.setObject(1, tenantId);
            ps.setString(2, source);
            ps.setArray(3, c.createArrayOf("uuid", ids));
            ps.setArray(4, c.createArrayOf("text", subjects));
            ps.setArray(5, c.createArrayOf("uuid", purposes));
            ps.setArray(6, c.createArrayOf("int4", purposeVersions));
            ps.setArray(7, c.createArrayOf("text", decisions));
            ps.setArray(8, c.createArrayOf("timestamptz", recorded));
            ps.setArray(9, c.createArrayOf("int4", noticeVersions));
            ps.setArray(10, c.createArrayOf("timestamptz", expires));
            ps.setBoolean(11, precedence == StatePrecedence.RECORDED_NOW);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the consent state projection could not be moved", e);
        }
    }
}
