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

import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.domain.Aead;
import org.custodia.crypto.domain.KeyProvider;
import org.custodia.crypto.domain.SealedSigningKey;
import org.custodia.crypto.infrastructure.SigningKeyRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.reports.signing.SelfSignedIdentities;
import org.custodia.reports.signing.SigningIdentity;

/**
 * Each tenant's report-signing key: made at tenant creation, stored envelope-encrypted (the private key
 * under a fresh AES-256 data key, the data key wrapped by the {@link KeyProvider}'s KEK; both bound
 * to the tenant and key id as associated data, so a ciphertext cannot be moved to another tenant).
 */
@Stateless
@TenantScoped
public class TenantSigningKeys {

    /** The active key of a tenant: its id and the usable identity. */
    public record ActiveKey(UUID id, SigningIdentity identity) {
    }

    @Inject
    SigningKeyRepository keys;

    @Inject
    KeyProvider keyProvider;

    @Inject
    AuditTrail audit;

    /** In the caller's transaction (the one that creates the tenant). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public UUID create(@TenantId UUID tenantId, String organisation) throws GeneralSecurityException {
        return store(tenantId, SelfSignedIdentities.generate(organisation, "Custodia evidence signing",
                Duration.ofDays(3650)));
    }

    /**
     * Replaces the tenant's active key by one from a PKCS#12 file (e.g. issued by the tenant's own CA).
     * The old key is retired, not deleted: earlier checkpoints still verify with it.
     */
    public UUID importPkcs12(Actor actor, byte[] pkcs12, char[] password) {
        SigningIdentity identity = Pkcs12Identities.read(pkcs12, password);
        keys.retireActive(actor.tenantId());
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
        keys.insert(tenantId, new SealedSigningKey(id, wrapped.kekId(), wrapped.wrapped(), encryptedPrivateKey,
                identity.privateKey().getAlgorithm(), identity.certificate().getEncoded()), StoredTime.now());
        return id;
    }

    /** The tenant's active key, decrypted, in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public ActiveKey active(@TenantId UUID tenantId) throws GeneralSecurityException {
        SealedSigningKey row = keys.active(tenantId)
                .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no active signing key"));
        byte[] context = context(tenantId, row.id());
        SecretKey dataKey = Aead.key(keyProvider.unwrap(new KeyProvider.WrappedKey(row.kekId(), row.wrappedDataKey()), context));
        PrivateKey privateKey = KeyFactory.getInstance(row.keyAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(Aead.decrypt(dataKey, row.encryptedPrivateKey(), context)));
        return new ActiveKey(row.id(), new SigningIdentity(privateKey, List.of(certificate(row.certificate()))));
    }

    /** The active key's id and certificate, for auditors who verify offline. */
    public Map.Entry<UUID, X509Certificate> activeCertificate(@TenantId UUID tenantId) throws GeneralSecurityException {
        Map.Entry<UUID, byte[]> active = keys.activeCertificate(tenantId)
                .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no active signing key"));
        return Map.entry(active.getKey(), certificate(active.getValue()));
    }

    /** A certificate of the tenant by key id (retired keys included: old checkpoints name them). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public X509Certificate certificate(@TenantId UUID tenantId, UUID keyId) throws GeneralSecurityException {
        return findCertificate(tenantId, keyId).orElseThrow(() -> new IllegalStateException("no signing key " + keyId));
    }

    /** The same, empty when the tenant has no such key (a claim to check, not a fault). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public java.util.Optional<X509Certificate> findCertificate(@TenantId UUID tenantId, UUID keyId) throws GeneralSecurityException {
        java.util.Optional<byte[]> der = keys.certificate(tenantId, keyId);
        return der.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(certificate(der.get()));
    }

    /** Every certificate the tenant has signed with, active and retired, newest first. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<X509Certificate> certificates(@TenantId UUID tenantId) throws GeneralSecurityException {
        List<byte[]> rows = keys.certificates(tenantId);
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
