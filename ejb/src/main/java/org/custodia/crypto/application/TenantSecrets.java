package org.custodia.crypto.application;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;

/**
 * Per-tenant HMAC keys (blind indexes of email addresses, hashes of client addresses): 256 random bits,
 * sealed by the KEK, created on first use. An HMAC under a tenant's key cannot be matched against
 * another tenant's data or a precomputed table of addresses.
 */
@Stateless
public class TenantSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    SealedSecrets sealed;

    @Inject
    org.custodia.platform.persistence.AfterCommit afterCommit;

    /** HMAC-SHA256 of {@code value} under the tenant's key named {@code name}, hex. The tenant must be bound. */
    public String hmac(UUID tenantId, String name, String value) {
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
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("select sealed from app.tenant_secret where name = ?1").setParameter(1, name)
                .getResultList();
        boolean created = rows.isEmpty();
        if (created) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            // two first uses at once: one insert wins, the other reads the winner's key
            em.createNativeQuery("insert into app.tenant_secret (tenant_id, name, sealed, created_at) values (?1, ?2, ?3, ?4)"
                            + " on conflict do nothing")
                    .setParameter(1, tenantId).setParameter(2, name).setParameter(3, sealed.seal(tenantId, "secret:" + name, fresh))
                    .setParameter(4, NativeValues.at(StoredTime.now())).executeUpdate();
            rows = em.createNativeQuery("select sealed from app.tenant_secret where name = ?1").setParameter(1, name).getResultList();
        }
        byte[] opened = sealed.open(tenantId, "secret:" + name, rows.get(0));
        if (created) {
            afterCommit.run(() -> KEYS.put(cacheKey, opened)); // a rolled-back key must not outlive its transaction
        } else {
            KEYS.put(cacheKey, opened);
        }
        return opened;
    }
}
