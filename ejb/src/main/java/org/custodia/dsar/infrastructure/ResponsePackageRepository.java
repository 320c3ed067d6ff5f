package org.custodia.dsar.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.dsar.domain.ResponsePackage;
import org.custodia.platform.persistence.NativeValues;

/** Response packages ({@code app.dsar_package}), one per request, replaced when compiled again. */
@ApplicationScoped
public class ResponsePackageRepository {

    /** Which sealed file to read. */
    public enum File { JSON, PDF }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void put(UUID tenantId, ResponsePackage p, byte[] sealedJson, byte[] sealedPdf) {
        em.createNativeQuery("insert into app.dsar_package (dsar_id, tenant_id, json_sealed, json_sha256, json_size, pdf_sealed,"
                        + " pdf_sha256, pdf_size, connectors, row_count, carries_data, compilations, compiled_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12)"
                        + " on conflict (dsar_id) do update set json_sealed = excluded.json_sealed, json_sha256 = excluded.json_sha256,"
                        + " json_size = excluded.json_size, pdf_sealed = excluded.pdf_sealed, pdf_sha256 = excluded.pdf_sha256,"
                        + " pdf_size = excluded.pdf_size, connectors = excluded.connectors, row_count = excluded.row_count,"
                        + " carries_data = excluded.carries_data, compilations = app.dsar_package.compilations + 1,"
                        + " compiled_at = excluded.compiled_at")
                .setParameter(1, p.dsarId()).setParameter(2, tenantId).setParameter(3, sealedJson).setParameter(4, p.jsonSha256())
                .setParameter(5, p.jsonSize()).setParameter(6, sealedPdf).setParameter(7, p.pdfSha256()).setParameter(8, p.pdfSize())
                .setParameter(9, p.connectors()).setParameter(10, p.rowCount()).setParameter(11, p.carriesData())
                .setParameter(12, NativeValues.at(p.compiledAt()))
                .executeUpdate();
    }

    public Optional<ResponsePackage> find(UUID dsarId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select json_sha256, json_size, pdf_sha256, pdf_size, connectors, row_count,"
                        + " carries_data, compilations, compiled_at, purged_at from app.dsar_package where dsar_id = ?1")
                .setParameter(1, dsarId).getResultList();
        return rows.stream().findFirst().map(r -> new ResponsePackage(dsarId, (String) r[0], ((Number) r[1]).intValue(),
                (String) r[2], ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), ((Number) r[5]).intValue(),
                (Boolean) r[6], ((Number) r[7]).intValue(), NativeValues.instant(r[8]),
                r[9] == null ? null : NativeValues.instant(r[9])));
    }

    /** One file's sealed bytes; empty when the request has no package or its contents were purged. */
    public Optional<byte[]> sealed(UUID dsarId, File file) {
        String column = file == File.JSON ? "json_sealed" : "pdf_sealed";
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("select " + column + " from app.dsar_package where dsar_id = ?1"
                        + " and purged_at is null")
                .setParameter(1, dsarId).getResultList();
        return rows.stream().findFirst(); // a kept package has both files (check constraint)
    }

    /**
     * Up to {@code limit} packages whose contents may go: their request ended (one of {@code endedStatuses}), no download
     * link open at {@code now}, and both the compilation and the last link's use or expiry before {@code cutoff} (the
     * retention counts from the later: a subject whose download broke off on the last day can still get a new link).
     * Locks the package and its request (a request held by a reviewer reissuing its link is skipped this round).
     */
    public List<UUID> purgeable(Instant cutoff, Instant now, List<String> endedStatuses, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select p.dsar_id from app.dsar_package p join app.dsar_request r on r.id = p.dsar_id"
                        + " where p.purged_at is null and p.compiled_at < ?1 and r.status = any (cast(?2 as text[]))"
                        + " and not exists (select 1 from app.dsar_download_token t where t.dsar_id = p.dsar_id"
                        + " and ((t.used_at is null and t.expires_at > ?3) or coalesce(t.used_at, t.expires_at) >= ?1))"
                        + " order by p.compiled_at limit ?4 for update of p, r skip locked")
                .setParameter(1, NativeValues.at(cutoff))
                .setParameter(2, "{" + String.join(",", endedStatuses) + "}")
                .setParameter(3, NativeValues.at(now))
                .setParameter(4, limit)
                .getResultList();
        return ids.stream().map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString())).toList();
    }

    /** Drops the sealed contents; the hashes, sizes and counts stay as evidence of what was answered. */
    public void purge(UUID dsarId, Instant at) {
        em.createNativeQuery("update app.dsar_package set json_sealed = null, pdf_sealed = null, purged_at = ?2"
                        + " where dsar_id = ?1 and purged_at is null")
                .setParameter(1, dsarId).setParameter(2, NativeValues.at(at)).executeUpdate();
    }
}
