package org.custodia.consent.application;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ImportLine;
import org.custodia.consent.domain.ImportRecords;
import org.custodia.consent.domain.ImportTally;
import org.custodia.consent.domain.ParsedLine;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;

/**
 * Bulk import (CSV with a header row, or NDJSON) streamed from the request, in batches of
 * {@link #BATCH} lines. Each batch is one transaction (its events, the projection and the job's
 * progress commit together or not at all); bad lines are reported by number and skipped. A job that
 * fails part-way says how many lines it committed, so the rest can be sent again with {@code skipLines}.
 */
@Stateless
public class ConsentBulk {

    static final int BATCH = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Format { CSV, NDJSON }

    public record Purpose(UUID id, int version, Integer noticeVersion, Map<Integer, String> noticeHashes) {
    }

    public record Job(UUID id, String status, long linesRead, long imported, long rejected, List<ImportLine.Problem> errors,
                      String inputSha256, String startedAt, String finishedAt, String failure) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    @Inject
    ConsentBulk self;

    @Inject
    ConsentCheckCache checkCache;

    /**
     * Reads the whole stream; runs outside any transaction so each batch commits on its own. A record over
     * 64 KiB, a CSV quote never closed and a NUL are problems of their line like any other bad line.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Job importStream(Actor actor, Format format, InputStream body, long skipLines) throws IOException {
        Map<String, Purpose> purposes = self.purposes(actor.tenantId());
        UUID jobId = self.startJob(actor, format);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ImportTally tally = new ImportTally();
        List<ImportLine> batch = new ArrayList<>(BATCH);
        Instant now = Instant.now();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new DigestInputStream(body, sha), StandardCharsets.UTF_8), 1 << 16)) {
            ImportRecords records = format == Format.CSV ? ImportRecords.csv(reader) : ImportRecords.ndjson(reader);
            for (ImportRecords.Record next = records.next(); next != null; next = records.next()) {
                tally.recordRead();
                if (tally.read() <= skipLines) {
                    continue;
                }
                ParsedLine parsed = next instanceof ImportRecords.Fields f
                        ? ImportLine.parse(f.line(), f.field(), purposes, now)
                        : new ImportLine.Problem(next.line(), "line", ((ImportRecords.Unreadable) next).reason());
                if (parsed instanceof ImportLine line) {
                    batch.add(line);
                } else {
                    tally.reject((ImportLine.Problem) parsed);
                }
                if (batch.size() == BATCH) {
                    tally.add(self.importBatch(actor, jobId, purposes, batch, tally));
                    batch.clear();
                }
            }
            // the last, possibly empty, batch also writes the final counts and errors
            tally.add(self.importBatch(actor, jobId, purposes, batch, tally));
            return self.finish(actor, jobId, "COMPLETED", HexFormat.of().formatHex(sha.digest()), null);
        } catch (RuntimeException | IOException e) {
            long committed = tally.read() - batch.size();
            String reason = e instanceof ProblemException p ? p.getMessage()
                    : "batch after line " + committed + " failed (" + e.getClass().getSimpleName() + "); lines up to "
                    + committed + " are committed, send the rest with skipLines";
            return self.finish(actor, jobId, "FAILED", null, reason);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UUID startJob(Actor actor, Format format) {
        tenantSession.bind(actor.tenantId());
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into app.consent_import (id, tenant_id, format, status, started_at, started_by)"
                        + " values (?1, ?2, ?3, 'RUNNING', ?4, ?5)")
                .setParameter(1, id).setParameter(2, actor.tenantId()).setParameter(3, format.name().toLowerCase())
                .setParameter(4, NativeValues.at(StoredTime.now())).setParameter(5, actor.principal()).executeUpdate();
        return id;
    }

    @SuppressWarnings("unchecked")
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Map<String, Purpose> purposes(UUID tenantId) {
        tenantSession.bind(tenantId);
        Map<String, Purpose> purposes = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select id, purpose_key, version, notice_version from app.consent_purpose")
                .getResultList()) {
            purposes.put((String) r[1], new Purpose((UUID) r[0], ((Number) r[2]).intValue(), (Integer) r[3], new HashMap<>()));
        }
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select p.purpose_key, n.version, n.content_hash from app.consent_notice n"
                + " join app.consent_purpose p on p.id = n.purpose_id").getResultList()) {
            purposes.get((String) r[0]).noticeHashes().put(((Number) r[1]).intValue(), (String) r[2]);
        }
        return purposes;
    }

    /**
     * One batch in one transaction: events, projection, the job's progress (the tally's counts with this
     * batch's), one audit event. Returns what the batch did; the caller adds it to the tally once committed.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ImportTally.BatchResult importBatch(Actor actor, UUID jobId, Map<String, Purpose> purposes, List<ImportLine> batch,
                                               ImportTally tally) {
        tenantSession.bind(actor.tenantId());
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[] subjects = new String[n];
        UUID[] purposeIds = new UUID[n];
        Integer[] purposeVersions = new Integer[n];
        String[] decisions = new String[n];
        Timestamp[] recorded = new Timestamp[n];
        Integer[] noticeVersions = new Integer[n];
        String[] noticeHashes = new String[n];
        Timestamp[] expires = new Timestamp[n];
        List<ImportLine.Problem> late = new ArrayList<>();
        int kept = 0;
        for (ImportLine l : batch) {
            Purpose p = purposes.get(l.purpose());
            Integer notice = l.decision().allows() ? (l.noticeVersion() != null ? l.noticeVersion() : p.noticeVersion()) : null;
            if (notice != null && !p.noticeHashes().containsKey(notice)) {
                late.add(new ImportLine.Problem(l.line(), "noticeVersion", "the purpose has no notice version " + notice));
                continue;
            }
            ids[kept] = UUID.randomUUID();
            subjects[kept] = l.subject();
            purposeIds[kept] = p.id();
            purposeVersions[kept] = p.version();
            decisions[kept] = l.decision().name();
            recorded[kept] = Timestamp.from(l.recordedAt());
            noticeVersions[kept] = notice;
            noticeHashes[kept] = notice == null ? null : p.noticeHashes().get(notice);
            expires[kept] = l.expiresAt() == null ? null : Timestamp.from(l.expiresAt());
            kept++;
        }
        try (Connection c = tenantSession.connection(actor.tenantId())) {
            if (kept > 0) {
                insert(c, actor, java.util.Arrays.copyOf(ids, kept), java.util.Arrays.copyOf(subjects, kept),
                        java.util.Arrays.copyOf(purposeIds, kept), java.util.Arrays.copyOf(purposeVersions, kept),
                        java.util.Arrays.copyOf(decisions, kept), java.util.Arrays.copyOf(recorded, kept),
                        java.util.Arrays.copyOf(noticeVersions, kept), java.util.Arrays.copyOf(noticeHashes, kept),
                        java.util.Arrays.copyOf(expires, kept));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("batch failed", e);
        }
        ImportTally.BatchResult result = new ImportTally.BatchResult(kept, late);
        ImportTally.Snapshot progress = tally.after(result);
        em.createNativeQuery("update app.consent_import set lines_read = ?1, imported = ?2, rejected = ?3, errors = ?4 where id = ?5")
                .setParameter(1, progress.read()).setParameter(2, progress.imported()).setParameter(3, progress.rejected())
                .setParameter(4, json(progress.errors())).setParameter(5, jobId).executeUpdate();
        if (kept > 0) {
            audit.append(actor, "consent.imported", "consent_import", jobId.toString(),
                    Map.of("lines", kept, "throughLine", batch.get(batch.size() - 1).line()));
            feed.publish("consent-tenant", actor.tenantId().toString());
            checkCache.forgetTenantAfterCommit(actor.tenantId());
        }
        return result;
    }

    private static void insert(Connection c, Actor actor, UUID[] ids, String[] subjects, UUID[] purposeIds, Integer[] purposeVersions,
                               String[] decisions, Timestamp[] recorded, Integer[] noticeVersions, String[] noticeHashes,
                               Timestamp[] expires) throws SQLException {
        try (PreparedStatement events = c.prepareStatement("insert into app.consent_event (id, tenant_id, subject_id, purpose_id,"
                + " purpose_version, decision, source, actor, request_id, recorded_at, notice_version, notice_hash, expires_at)"
                + " select u.id, ?, u.subject, u.purpose, u.pv, u.decision, 'import', ?, ?, u.recorded, u.nv, u.nh, u.expires"
                + " from unnest(?::uuid[], ?::text[], ?::uuid[], ?::int[], ?::text[], ?::timestamptz[], ?::int[], ?::text[], ?::timestamptz[])"
                + " as u(id, subject, purpose, pv, decision, recorded, nv, nh, expires)")) {
            events.setObject(1, actor.tenantId());
            events.setString(2, actor.principal());
            events.setString(3, actor.requestId());
            events.setArray(4, c.createArrayOf("uuid", ids));
            events.setArray(5, c.createArrayOf("text", subjects));
            events.setArray(6, c.createArrayOf("uuid", purposeIds));
            events.setArray(7, c.createArrayOf("int4", purposeVersions));
            events.setArray(8, c.createArrayOf("text", decisions));
            events.setArray(9, c.createArrayOf("timestamptz", recorded));
            events.setArray(10, c.createArrayOf("int4", noticeVersions));
            events.setArray(11, c.createArrayOf("text", noticeHashes));
            events.setArray(12, c.createArrayOf("timestamptz", expires));
            events.executeUpdate();
        }
        // the projection takes each subject and purpose's latest event of the batch, unless it already holds a later one
        try (PreparedStatement state = c.prepareStatement("insert into app.consent_state (tenant_id, subject_id, purpose_id, decision,"
                + " purpose_version, last_event_id, recorded_at, source, notice_version, expires_at)"
                + " select distinct on (u.subject, u.purpose) ?, u.subject, u.purpose, u.decision, u.pv, u.id, u.recorded, 'import', u.nv, u.expires"
                + " from unnest(?::uuid[], ?::text[], ?::uuid[], ?::int[], ?::text[], ?::timestamptz[], ?::int[], ?::timestamptz[])"
                + " as u(id, subject, purpose, pv, decision, recorded, nv, expires) order by u.subject, u.purpose, u.recorded desc"
                + " on conflict (tenant_id, subject_id, purpose_id) do update set decision = excluded.decision,"
                + " purpose_version = excluded.purpose_version, last_event_id = excluded.last_event_id, recorded_at = excluded.recorded_at,"
                + " source = excluded.source, notice_version = excluded.notice_version, expires_at = excluded.expires_at"
                + " where app.consent_state.recorded_at <= excluded.recorded_at")) {
            state.setObject(1, actor.tenantId());
            state.setArray(2, c.createArrayOf("uuid", ids));
            state.setArray(3, c.createArrayOf("text", subjects));
            state.setArray(4, c.createArrayOf("uuid", purposeIds));
            state.setArray(5, c.createArrayOf("int4", purposeVersions));
            state.setArray(6, c.createArrayOf("text", decisions));
            state.setArray(7, c.createArrayOf("timestamptz", recorded));
            state.setArray(8, c.createArrayOf("int4", noticeVersions));
            state.setArray(9, c.createArrayOf("timestamptz", expires));
            state.executeUpdate();
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Job finish(Actor actor, UUID jobId, String status, String sha256, String failure) {
        tenantSession.bind(actor.tenantId());
        em.createNativeQuery("update app.consent_import set status = ?1, input_sha256 = ?2, failure = ?3, finished_at = ?4 where id = ?5")
                .setParameter(1, status).setParameter(2, sha256).setParameter(3, failure)
                .setParameter(4, NativeValues.at(StoredTime.now())).setParameter(5, jobId).executeUpdate();
        audit.append(actor, "consent.import_" + status.toLowerCase(), "consent_import", jobId.toString(),
                sha256 == null ? Map.of("failure", String.valueOf(failure)) : Map.of("inputSha256", sha256));
        return job(actor.tenantId(), jobId);
    }

    @SuppressWarnings("unchecked")
    public Job job(UUID tenantId, UUID jobId) {
        tenantSession.bind(tenantId);
        List<Object[]> rows = em.createNativeQuery("select id, status, lines_read, imported, rejected, errors, input_sha256, started_at,"
                + " finished_at, failure from app.consent_import where id = ?1").setParameter(1, jobId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("import " + jobId);
        }
        return job(rows.get(0));
    }

    @SuppressWarnings("unchecked")
    public List<Job> jobs(UUID tenantId) {
        tenantSession.bind(tenantId);
        List<Object[]> rows = em.createNativeQuery("select id, status, lines_read, imported, rejected, '[]', input_sha256, started_at,"
                + " finished_at, failure from app.consent_import order by started_at desc limit 100").getResultList();
        return rows.stream().map(ConsentBulk::job).toList();
    }

    private static Job job(Object[] r) {
        try {
            List<ImportLine.Problem> errors = JSON.readValue((String) r[5],
                    JSON.getTypeFactory().constructCollectionType(List.class, ImportLine.Problem.class));
            return new Job((UUID) r[0], (String) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue(), errors, (String) r[6], String.valueOf(NativeValues.instant(r[7])),
                    r[8] == null ? null : NativeValues.instant(r[8]).toString(), (String) r[9]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(List<ImportLine.Problem> errors) {
        try {
            return JSON.writeValueAsString(errors);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
