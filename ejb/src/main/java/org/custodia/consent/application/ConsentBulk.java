package org.custodia.consent.application;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ImportBatch;
import org.custodia.consent.domain.ImportJob;
import org.custodia.consent.domain.ImportLine;
import org.custodia.consent.domain.ImportPurpose;
import org.custodia.consent.domain.ImportRecords;
import org.custodia.consent.domain.ImportTally;
import org.custodia.consent.domain.ParsedLine;
import org.custodia.consent.domain.StatePrecedence;
import org.custodia.consent.infrastructure.ConsentEventRepository;
import org.custodia.consent.infrastructure.ConsentImportRepository;
import org.custodia.consent.infrastructure.ConsentStateRepository;
import org.custodia.consent.infrastructure.PurposeRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.ChangeFeed;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;

/**
 * Bulk import (CSV with a header row, or NDJSON) streamed from the request, in batches of
 * {@link #BATCH} lines. Each batch is one transaction (its events, the projection and the job's
 * progress commit together or not at all); bad lines are reported by number and skipped. A job that
 * fails part-way says how many lines it committed, so the rest can be sent again with {@code skipLines}.
 */
@Stateless
@TenantScoped
public class ConsentBulk {

    static final int BATCH = 5_000;
    static final int LISTED_JOBS = 100;

    public enum Format { CSV, NDJSON }

    @Inject
    AuditTrail audit;

    @Inject
    ChangeFeed feed;

    @Inject
    ConsentBulk self;

    @Inject
    ConsentCheckCache checkCache;

    @Inject
    PurposeRepository purposeRepository;

    @Inject
    ConsentEventRepository events;

    @Inject
    ConsentStateRepository states;

    @Inject
    ConsentImportRepository jobs;

    /**
     * Reads the whole stream; runs outside any transaction so each batch commits on its own (the interceptor checks
     * the tenant is named; each batch binds it in its own transaction). A record over 64 KiB, a CSV quote never
     * closed and a NUL are problems of their line like any other bad line.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ImportJob importStream(Actor actor, Format format, InputStream body, long skipLines) throws IOException {
        Map<String, ImportPurpose> purposes = self.purposes(actor.tenantId());
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
        UUID id = UUID.randomUUID();
        jobs.start(id, actor.tenantId(), format.name().toLowerCase(), StoredTime.now(), actor.principal());
        return id;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Map<String, ImportPurpose> purposes(@TenantId UUID tenantId) {
        return purposeRepository.importCatalogue();
    }

    /**
     * One batch in one transaction: events, projection, the job's progress (the tally's counts with this
     * batch's), one audit event. Returns what the batch did; the caller adds it to the tally once committed.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ImportTally.BatchResult importBatch(Actor actor, UUID jobId, Map<String, ImportPurpose> purposes, List<ImportLine> batch,
                                               ImportTally tally) {
        ImportBatch prepared = ImportBatch.of(batch, purposes, UUID::randomUUID);
        int kept = prepared.rows().size();
        if (kept > 0) {
            events.appendImported(actor, prepared.rows());
            // history: a line never replaces a decision the projection holds from a later time
            states.advance(actor.tenantId(), "import", StatePrecedence.LATEST_RECORDED, prepared.changes());
        }
        ImportTally.BatchResult result = new ImportTally.BatchResult(kept, prepared.rejected());
        jobs.progress(jobId, tally.after(result));
        if (kept > 0) {
            audit.append(actor, "consent.imported", "consent_import", jobId.toString(),
                    Map.of("lines", kept, "throughLine", batch.get(batch.size() - 1).line()));
            feed.publish("consent-tenant", actor.tenantId().toString());
            checkCache.forgetTenantAfterCommit(actor.tenantId());
        }
        return result;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ImportJob finish(Actor actor, UUID jobId, String status, String sha256, String failure) {
        jobs.finish(jobId, status, sha256, failure, StoredTime.now());
        audit.append(actor, "consent.import_" + status.toLowerCase(), "consent_import", jobId.toString(),
                sha256 == null ? Map.of("failure", String.valueOf(failure)) : Map.of("inputSha256", sha256));
        return job(actor.tenantId(), jobId);
    }

    public ImportJob job(@TenantId UUID tenantId, UUID jobId) {
        return jobs.find(jobId).orElseThrow(() -> ProblemException.notFound("import " + jobId));
    }

    public List<ImportJob> jobs(@TenantId UUID tenantId) {
        return jobs.recent(LISTED_JOBS);
    }
}
