package org.custodia.consent.infrastructure;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.consent.domain.ImportJob;
import org.custodia.consent.domain.ImportLine;
import org.custodia.consent.domain.ImportTally;
import org.custodia.platform.persistence.NativeValues;

/**
 * Bulk import jobs ({@code app.consent_import}, plain CRUD; the first line errors kept as JSON text), in the calling
 * service's transaction bound to its tenant.
 */
@Stateless
public class ConsentImportRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, status, lines_read, imported, rejected, %s, input_sha256, started_at, finished_at, failure";

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void start(UUID jobId, UUID tenantId, String format, Instant startedAt, String startedBy) {
        em.createNativeQuery("insert into app.consent_import (id, tenant_id, format, status, started_at, started_by)"
                        + " values (?1, ?2, ?3, 'RUNNING', ?4, ?5)")
                .setParameter(1, jobId).setParameter(2, tenantId).setParameter(3, format)
                .setParameter(4, NativeValues.at(startedAt)).setParameter(5, startedBy).executeUpdate();
    }

    public void progress(UUID jobId, ImportTally.Snapshot progress) {
        em.createNativeQuery("update app.consent_import set lines_read = ?1, imported = ?2, rejected = ?3, errors = ?4 where id = ?5")
                .setParameter(1, progress.read()).setParameter(2, progress.imported()).setParameter(3, progress.rejected())
                .setParameter(4, json(progress.errors())).setParameter(5, jobId).executeUpdate();
    }

    public void finish(UUID jobId, String status, String inputSha256, String failure, Instant finishedAt) {
        em.createNativeQuery("update app.consent_import set status = ?1, input_sha256 = ?2, failure = ?3, finished_at = ?4 where id = ?5")
                .setParameter(1, status).setParameter(2, inputSha256).setParameter(3, failure)
                .setParameter(4, NativeValues.at(finishedAt)).setParameter(5, jobId).executeUpdate();
    }

    /** One job with its line errors. */
    @SuppressWarnings("unchecked")
    public Optional<ImportJob> find(UUID jobId) {
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS.formatted("errors") + " from app.consent_import where id = ?1")
                .setParameter(1, jobId).getResultList();
        return rows.stream().findFirst().map(ConsentImportRepository::job);
    }

    /** The latest jobs, newest first, without their line errors. */
    @SuppressWarnings("unchecked")
    public List<ImportJob> recent(int limit) {
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS.formatted("'[]'")
                + " from app.consent_import order by started_at desc limit ?1").setParameter(1, limit).getResultList();
        return rows.stream().map(ConsentImportRepository::job).toList();
    }

    private static ImportJob job(Object[] r) {
        try {
            List<ImportLine.Problem> errors = JSON.readValue((String) r[5],
                    JSON.getTypeFactory().constructCollectionType(List.class, ImportLine.Problem.class));
            return new ImportJob((UUID) r[0], (String) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
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
