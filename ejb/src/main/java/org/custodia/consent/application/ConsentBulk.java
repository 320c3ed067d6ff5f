package org.custodia.consent.application;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ImportLine;
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
 * NDJSON export streams the tenant's whole ledger.
 */
@Stateless
public class ConsentBulk {

    static final int BATCH = 5_000;
    static final int MAX_REPORTED_ERRORS = 1_000;
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

    /** Reads the whole stream; runs outside any transaction so each batch commits on its own. */
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
        long read = 0;
        long imported = 0;
        List<ImportLine.Problem> errors = new ArrayList<>();
        long rejected = 0;
        List<ImportLine> batch = new ArrayList<>(BATCH);
        Instant now = Instant.now();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new DigestInputStream(body, sha), StandardCharsets.UTF_8), 1 << 16)) {
            Iterator<Map.Entry<Long, java.util.function.Function<String, String>>> lines = format == Format.CSV ? csv(reader) : ndjson(reader);
            while (lines.hasNext()) {
                Map.Entry<Long, java.util.function.Function<String, String>> next = lines.next();
                read++;
                if (read <= skipLines) {
                    continue;
                }
                Object parsed;
                try {
                    parsed = ImportLine.parse(next.getKey(), next.getValue(), purposes, now);
                } catch (IllegalArgumentException malformed) {
                    parsed = new ImportLine.Problem(next.getKey(), "line", malformed.getMessage());
                }
                if (parsed instanceof ImportLine.Problem p) {
                    rejected++;
                    if (errors.size() < MAX_REPORTED_ERRORS) {
                        errors.add(p);
                    }
                    continue;
                }
                batch.add((ImportLine) parsed);
                if (batch.size() == BATCH) {
                    imported += self.importBatch(actor, jobId, purposes, batch, read, imported + batch.size(), rejected, errors);
                    batch.clear();
                }
            }
            // the last, possibly empty, batch also writes the final counts and errors
            imported += self.importBatch(actor, jobId, purposes, batch, read, imported + batch.size(), rejected, errors);
            return self.finish(actor, jobId, "COMPLETED", HexFormat.of().formatHex(sha.digest()), null);
        } catch (RuntimeException | IOException e) {
            String reason = e instanceof ProblemException p ? p.getMessage()
                    : "batch after line " + (read - batch.size()) + " failed (" + e.getClass().getSimpleName() + "); lines up to "
                    + (read - batch.size()) + " are committed, send the rest with skipLines";
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

    /** One batch in one transaction: events, projection, progress, one audit event. Returns lines imported. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int importBatch(Actor actor, UUID jobId, Map<String, Purpose> purposes, List<ImportLine> batch, long read,
                           long imported, long rejected, List<ImportLine.Problem> errors) {
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
        for (ImportLine.Problem p : late) {
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(p);
            }
        }
        long importedNow = imported - late.size();
        em.createNativeQuery("update app.consent_import set lines_read = ?1, imported = ?2, rejected = ?3, errors = ?4 where id = ?5")
                .setParameter(1, read).setParameter(2, importedNow).setParameter(3, rejected + late.size())
                .setParameter(4, json(errors)).setParameter(5, jobId).executeUpdate();
        if (kept > 0) {
            audit.append(actor, "consent.imported", "consent_import", jobId.toString(),
                    Map.of("lines", kept, "throughLine", batch.get(batch.size() - 1).line()));
            feed.publish("consent-tenant", actor.tenantId().toString());
            checkCache.forgetTenantAfterCommit(actor.tenantId());
        }
        return kept;
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

    /** Streams the ledger as NDJSON, oldest first. */
    public long exportNdjson(UUID tenantId, OutputStream out) throws SQLException, IOException {
        long n = 0;
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select e.id, e.subject_id, p.purpose_key, e.purpose_version, e.decision, e.source,"
                     + " e.recorded_at, e.notice_version, e.notice_hash, e.expires_at, e.related_event from app.consent_event e"
                     + " join app.consent_purpose p on p.id = e.purpose_id order by e.recorded_at, e.id")) {
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("id", rs.getString(1));
                    line.put("subject", rs.getString(2));
                    line.put("purpose", rs.getString(3));
                    line.put("purposeVersion", rs.getInt(4));
                    line.put("decision", rs.getString(5));
                    line.put("source", rs.getString(6));
                    line.put("recordedAt", rs.getTimestamp(7).toInstant().toString());
                    int nv = rs.getInt(8);
                    if (!rs.wasNull()) {
                        line.put("noticeVersion", nv);
                        line.put("noticeHash", rs.getString(9));
                    }
                    if (rs.getTimestamp(10) != null) {
                        line.put("expiresAt", rs.getTimestamp(10).toInstant().toString());
                    }
                    if (rs.getString(11) != null) {
                        line.put("ends", rs.getString(11));
                    }
                    out.write(JSON.writeValueAsBytes(line));
                    out.write('\n');
                    n++;
                }
            }
        }
        return n;
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

    private static Iterator<Map.Entry<Long, java.util.function.Function<String, String>>> csv(BufferedReader reader) throws IOException {
        Iterator<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get().parse(reader).iterator();
        return new Iterator<>() {
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (java.io.UncheckedIOException e) {
                    throw new IllegalArgumentException("unreadable CSV: " + e.getCause().getMessage());
                }
            }

            public Map.Entry<Long, java.util.function.Function<String, String>> next() {
                CSVRecord r = records.next();
                // lines are numbered as in the file: the header is line 1
                return Map.entry(r.getRecordNumber() + 1, name -> r.isMapped(name) && r.isSet(name) ? r.get(name) : null);
            }
        };
    }

    private static Iterator<Map.Entry<Long, java.util.function.Function<String, String>>> ndjson(BufferedReader reader) {
        Iterator<String> lines = reader.lines().iterator();
        long[] number = {0};
        return new Iterator<>() {
            public boolean hasNext() {
                return lines.hasNext();
            }

            public Map.Entry<Long, java.util.function.Function<String, String>> next() {
                String text = lines.next();
                long line = ++number[0];
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (IOException e) {
                    node = null;
                }
                if (node == null || !node.isObject()) {
                    return Map.entry(line, name -> {
                        throw new IllegalArgumentException("is not a JSON object");
                    });
                }
                JsonNode object = node;
                return Map.entry(line, name -> object.hasNonNull(name) ? object.get(name).asText() : null);
            }
        };
    }
}
