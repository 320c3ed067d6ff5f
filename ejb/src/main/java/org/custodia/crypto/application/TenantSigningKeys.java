package org.custodia.crypto.application;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.StoredTime;
import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.domain.Aead;
import org.custodia.crypto.domain.KeyProvider;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.reports.signing.SelfSignedIdentities;
import org.custodia.reports.signing.SigningIdentity;

/**
 * Each tenant's report-signing key: made at tenant creation, stored envelope-encrypted (the private key
 * under a fresh AES-256 data key, the data key wrapped by the {@link KeyProvider}'s KEK; both bound
 * to the tenant and key id as associated data, so a ciphertext cannot be moved to another tenant).
 */
@Stateless
public class TenantSigningKeys {

    /** The active key of a tenant: its id and the usable identity. */
    public record ActiveKey(UUID id, SigningIdentity identity) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    KeyProvider keyProvider;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    /** In the caller's transaction, with the tenant already bound. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public UUID create(UUID tenantId, String organisation) throws GeneralSecurityException {
        return store(tenantId, SelfSignedIdentities.generate(organisation, "Custodia evidence signing",
                Duration.ofDays(3650)));
    }

    /**
     * Replaces the tenant's active key by one from a PKCS#12 file (e.g. issued by the tenant's own CA).
     * The old key is retired, not deleted: earlier checkpoints still verify with it.
     */
    public UUID importPkcs12(Actor actor, byte[] pkcs12, char[] password) {
        SigningIdentity identity = Pkcs12Identities.read(pkcs12, password);
        tenantSession.bind(actor.tenantId());
        em.createNativeQuery("update app.tenant_signing_key set retired_at = now() where tenant_id = ?1 and retired_at is null")
                .setParameter(1, actor.tenantId()).executeUpdate();
        UUID id;
        try {
            id = store(actor.tenantId(), identity);
            X509Certificate certificate = identity.certificate();
            audit.append(actor, "tenant.signing_key.imported", "tenant_signing_key", id.toString(), Map.of(
                    "subject", certificate.getSubjectX500Principal().getName(),
                    "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())),
                    "notAfter", certificate.getNotAfter().toInstant().toString()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the imported key", e);
        }
        return id;
    }

    private UUID store(UUID tenantId, SigningIdentity identity) throws GeneralSecurityException {
        UUID id = UUID.randomUUID();
        byte[] context = context(tenantId, id);
        SecretKey dataKey = Aead.newKey();
        KeyProvider.WrappedKey wrapped = keyProvider.wrap(dataKey.getEncoded(), context);
        byte[] encryptedPrivateKey = Aead.encrypt(dataKey, identity.privateKey().getEncoded(), context);
        em.flush();
        em.createNativeQuery("insert into app.tenant_signing_key (id, tenant_id, kek_id, wrapped_data_key,"
                        + " encrypted_private_key, key_algorithm, certificate, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, id)
                .setParameter(2, tenantId)
                .setParameter(3, wrapped.kekId())
                .setParameter(4, wrapped.wrapped())
                .setParameter(5, encryptedPrivateKey)
                .setParameter(6, identity.privateKey().getAlgorithm())
                .setParameter(7, identity.certificate().getEncoded())
                .setParameter(8, java.sql.Timestamp.from(StoredTime.now()))
                .executeUpdate();
        return id;
    }

    /** The tenant's active key, decrypted; the caller's transaction must have the tenant bound. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public ActiveKey active(UUID tenantId) throws GeneralSecurityException {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, kek_id, wrapped_data_key, encrypted_private_key,"
                        + " key_algorithm, certificate from app.tenant_signing_key where tenant_id = ?1 and retired_at is null")
                .setParameter(1, tenantId)
                .getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("tenant " + tenantId + " has no active signing key");
        }
        Object[] row = rows.get(0);
        UUID id = (UUID) row[0];
        byte[] context = context(tenantId, id);
        SecretKey dataKey = Aead.key(keyProvider.unwrap(new KeyProvider.WrappedKey((String) row[1], (byte[]) row[2]), context));
        PrivateKey privateKey = KeyFactory.getInstance((String) row[4])
                .generatePrivate(new PKCS8EncodedKeySpec(Aead.decrypt(dataKey, (byte[]) row[3], context)));
        return new ActiveKey(id, new SigningIdentity(privateKey, List.of(certificate((byte[]) row[5]))));
    }

    /** The active key's id and certificate, for auditors who verify offline. */
    public Map.Entry<UUID, X509Certificate> activeCertificate(UUID tenantId) throws GeneralSecurityException {
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select id, certificate from app.tenant_signing_key where tenant_id = ?1 and retired_at is null")
                .setParameter(1, tenantId).getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("tenant " + tenantId + " has no active signing key");
        }
        return Map.entry((UUID) rows.get(0)[0], certificate((byte[]) rows.get(0)[1]));
    }

    /** A certificate of the tenant by key id (retired keys included: old checkpoints name them). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public X509Certificate certificate(UUID tenantId, UUID keyId) throws GeneralSecurityException {
        return findCertificate(tenantId, keyId).orElseThrow(() -> new IllegalStateException("no signing key " + keyId));
    }

    /** The same, empty when the tenant has no such key (a claim to check, not a fault). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public java.util.Optional<X509Certificate> findCertificate(UUID tenantId, UUID keyId) throws GeneralSecurityException {
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("select certificate from app.tenant_signing_key where tenant_id = ?1 and id = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, keyId)
                .getResultList();
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(certificate(rows.get(0)));
    }

    /** Every certificate the tenant has signed with, active and retired (the tenant bound by the caller). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<X509Certificate> certificates(UUID tenantId) throws GeneralSecurityException {
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("select certificate from app.tenant_signing_key where tenant_id = ?1"
                + " order by created_at desc").setParameter(1, tenantId).getResultList();
        List<X509Certificate> certificates = new java.util.ArrayList<>(rows.size());
        for (byte[] der : rows) {
            certificates.add(certificate(der));
        }
        return certificates;
    }

    private static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der));
    }

    private static byte[] context(UUID tenantId, UUID keyId) {
        return ("custodia:tenant-signing-key:" + tenantId + ":" + keyId).getBytes(StandardCharsets.US_ASCII);
    }
}
