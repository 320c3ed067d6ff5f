package org.custodia.crypto.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import org.custodia.crypto.domain.Aead;
import org.custodia.crypto.domain.KeyProvider;
import org.custodia.crypto.domain.SealedSigningKey;
import org.custodia.crypto.infrastructure.SigningKeyRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's signing key is stored sealed and opens again only as that tenant's key under that id. */
class TenantSigningKeysTest {

    private static final UUID TENANT = UUID.fromString("2a4b6c8d-0e1f-4a3b-8c5d-7e9f0a1b2c3d");

    /** Rows by tenant, as the table would hold them (newest last). */
    private final Map<UUID, List<SealedSigningKey>> rows = new java.util.HashMap<>();
    private final List<UUID> retired = new ArrayList<>();
    private TenantSigningKeys keys;

    @BeforeEach
    void services() throws GeneralSecurityException {
        SecretKey kek = Aead.newKey();
        keys = new TenantSigningKeys();
        keys.keyProvider = new KeyProvider() {
            @Override public WrappedKey wrap(byte[] dataKey, byte[] context) throws GeneralSecurityException {
                return new WrappedKey("test-kek", Aead.encrypt(kek, dataKey, context));
            }
            @Override public byte[] unwrap(WrappedKey key, byte[] context) throws GeneralSecurityException {
                return Aead.decrypt(kek, key.wrapped(), context);
            }
        };
        keys.keys = new SigningKeyRepository() {
            @Override public void insert(UUID tenantId, SealedSigningKey key, Instant createdAt) {
                rows.computeIfAbsent(tenantId, t -> new ArrayList<>()).add(key);
            }
            @Override public Optional<SealedSigningKey> active(UUID tenantId) {
                List<SealedSigningKey> all = rows.getOrDefault(tenantId, List.of()).stream()
                        .filter(k -> !retired.contains(k.id())).toList();
                return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
            }
            @Override public Optional<byte[]> certificate(UUID tenantId, UUID keyId) {
                return rows.getOrDefault(tenantId, List.of()).stream().filter(k -> k.id().equals(keyId))
                        .map(SealedSigningKey::certificate).findFirst();
            }
        };
    }

    @Test
    void aCreatedKeyOpensAsTheTenantsActiveKeyAndSignsForItsCertificate() throws Exception {
        UUID id = keys.create(TENANT, "Example Org");

        TenantSigningKeys.ActiveKey active = keys.active(TENANT);
        assertThat(active.id()).isEqualTo(id);
        assertThat(active.identity().certificate().getSubjectX500Principal().getName()).contains("O=Example Org");
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(active.identity().privateKey());
        signer.update(new byte[] {1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(active.identity().certificate());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signer.sign())).isTrue();
        assertThat(rows.get(TENANT).get(0).encryptedPrivateKey())
                .as("stored sealed, not as PKCS#8").isNotEqualTo(active.identity().privateKey().getEncoded());
    }

    @Test
    void aSealedKeyCopiedToAnotherTenantDoesNotOpen() throws Exception {
        keys.create(TENANT, "Example Org");
        UUID other = UUID.randomUUID();
        rows.put(other, rows.get(TENANT));

        assertThatThrownBy(() -> keys.active(other)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aTenantWithoutAnActiveKeyIsAFaultNotAnEmptyAnswer() throws Exception {
        UUID id = keys.create(TENANT, "Example Org");
        retired.add(id);

        assertThatThrownBy(() -> keys.active(TENANT)).isInstanceOf(IllegalStateException.class);
        assertThat(keys.findCertificate(TENANT, id)).as("retired keys still verify old checkpoints").isPresent();
        assertThat(keys.findCertificate(TENANT, UUID.randomUUID())).isEmpty();
    }
}
