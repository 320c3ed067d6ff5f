package org.custodia.crypto.infrastructure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.crypto.domain.SealedSigningKey;

/** Tenants' signing keys ({@code app.tenant_signing_key}), in the caller's transaction with the tenant bound. */
@ApplicationScoped
public class SigningKeyRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void insert(UUID tenantId, SealedSigningKey key, Instant createdAt) {
        em.flush();
        em.createNativeQuery("insert into app.tenant_signing_key (id, tenant_id, kek_id, wrapped_data_key,"
                        + " encrypted_private_key, key_algorithm, certificate, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, key.id())
                .setParameter(2, tenantId)
                .setParameter(3, key.kekId())
                .setParameter(4, key.wrappedDataKey())
                .setParameter(5, key.encryptedPrivateKey())
                .setParameter(6, key.keyAlgorithm())
                .setParameter(7, key.certificate())
                .setParameter(8, Timestamp.from(createdAt))
                .executeUpdate();
    }

    /** Retires the tenant's active key (kept: earlier checkpoints name it). */
    public void retireActive(UUID tenantId) {
        em.createNativeQuery("update app.tenant_signing_key set retired_at = now() where tenant_id = ?1 and retired_at is null")
                .setParameter(1, tenantId).executeUpdate();
    }

    public Optional<SealedSigningKey> active(UUID tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, kek_id, wrapped_data_key, encrypted_private_key,"
                        + " key_algorithm, certificate from app.tenant_signing_key where tenant_id = ?1 and retired_at is null")
                .setParameter(1, tenantId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        return Optional.of(new SealedSigningKey((UUID) row[0], (String) row[1], (byte[]) row[2], (byte[]) row[3],
                (String) row[4], (byte[]) row[5]));
    }

    /** The active key's id and certificate (DER), without the key material. */
    public Optional<java.util.Map.Entry<UUID, byte[]>> activeCertificate(UUID tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select id, certificate from app.tenant_signing_key where tenant_id = ?1 and retired_at is null")
                .setParameter(1, tenantId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(java.util.Map.entry((UUID) rows.get(0)[0], (byte[]) rows.get(0)[1]));
    }

    /** The certificate (DER) of a key of the tenant by id, retired or not. */
    public Optional<byte[]> certificate(UUID tenantId, UUID keyId) {
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("select certificate from app.tenant_signing_key where tenant_id = ?1 and id = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, keyId)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Every certificate (DER) the tenant has had, newest first. */
    public List<byte[]> certificates(UUID tenantId) {
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("select certificate from app.tenant_signing_key where tenant_id = ?1"
                + " order by created_at desc").setParameter(1, tenantId).getResultList();
        return rows;
    }
}
