package org.custodia.crypto.application;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.crypto.infrastructure.TenantSecretRepository;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Per-tenant HMAC keys (blind indexes of email addresses, hashes of client addresses): 256 random bits,
 * sealed by the KEK, created on first use. An HMAC under a tenant's key cannot be matched against
 * another tenant's data or a precomputed table of addresses.
 */
@Stateless
@TenantScoped
public class TenantSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();

    @Inject
    TenantSecretRepository secrets;

    @Inject
    SealedSecrets sealed;

    @Inject
    org.custodia.platform.persistence.AfterCommit afterCommit;

    /** HMAC-SHA256 of {@code value} under the tenant's key named {@code name}, hex. */
    public String hmac(@TenantId UUID tenantId, String name, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(tenantId, name), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key(UUID tenantId, String name) {
        String cacheKey = tenantId + "/" + name;
        byte[] key = KEYS.get(cacheKey);
        if (key != null) {
            return key;
        }
        Optional<byte[]> stored = secrets.sealed(name);
        boolean created = stored.isEmpty();
        if (created) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            // two first uses at once: one insert wins, the other reads the winner's key
            secrets.insertIfAbsent(tenantId, name, sealed.seal(tenantId, "secret:" + name, fresh));
            stored = secrets.sealed(name);
        }
        byte[] opened = sealed.open(tenantId, "secret:" + name, stored.get());
        if (created) {
            afterCommit.run(() -> KEYS.put(cacheKey, opened)); // a rolled-back key must not outlive its transaction
        } else {
            KEYS.put(cacheKey, opened);
        }
        return opened;
    }
}
