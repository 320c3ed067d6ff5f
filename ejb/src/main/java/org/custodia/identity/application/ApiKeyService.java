package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.ApiCaller;
import org.custodia.identity.domain.ApiKey;
import org.custodia.identity.domain.ApiKeySecret;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;

@Stateless
public class ApiKeyService {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    ApiKeyAuthenticator authenticator;

    @Inject
    TenantRoles roles;

    /** A new key and its secret, which exists only in this return value. */
    public record IssuedKey(ApiKey key, ApiKeySecret secret) {
    }

    /**
     * Issues a key with a built-in role. A caller cannot hand out more than it holds: every permission
     * of the requested role must be among {@code callerPermissions}.
     */
    public IssuedKey issue(Actor actor, Set<String> callerPermissions, String name, String role, Instant expiresAt) {
        if (expiresAt != null && (!expiresAt.isAfter(Instant.now()) || expiresAt.isAfter(Instant.now().plus(MAX_LIFETIME)))) {
            throw ProblemException.invalid("expiresAt", "must be in the future and at most " + MAX_LIFETIME.toDays() + " days away");
        }
        IssuedKey issued = issue(actor, callerPermissions, name, role);
        if (expiresAt != null) {
            issued.key().expireAt(expiresAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        }
        return issued;
    }

    /**
     * Revokes one of the tenant's keys (one whose permissions the caller all holds); it fails
     * authentication from the next request on.
     */
    public ApiKey revoke(Actor actor, Set<String> callerPermissions, UUID keyId) {
        tenantSession.bind(actor.tenantId());
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null) {
            throw ProblemException.notFound("API key " + keyId);
        }
        roles.requireNotOutranked(actor.tenantId(), callerPermissions, key.role(), "id");
        key.revoke(StoredTime.now());
        authenticator.forgetAfterCommit(keyId);
        audit.append(actor, "api_key.revoked", "api_key", keyId.toString(), Map.of("prefix", key.prefix()));
        return key;
    }

    /**
     * Issues a successor with the same name and role; the old key keeps working for the overlap window so
     * clients can switch without downtime, then expires.
     */
    public IssuedKey rotate(Actor actor, Set<String> callerPermissions, UUID keyId, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ProblemException.invalid("overlapSeconds", "must be 0 to " + MAX_OVERLAP.toSeconds());
        }
        tenantSession.bind(actor.tenantId());
        ApiKey old = em.find(ApiKey.class, keyId);
        if (old == null) {
            throw ProblemException.notFound("API key " + keyId);
        }
        Instant now = StoredTime.now();
        if (!old.usable(now)) {
            throw ProblemException.conflict("id", "a revoked or expired key cannot be rotated");
        }
        IssuedKey successor = issue(actor, callerPermissions, old.name(), old.role());
        if (old.expiresAt() != null) {
            successor.key().expireAt(old.expiresAt().isAfter(now.plus(overlap)) ? old.expiresAt() : now.plus(overlap).plusSeconds(1));
        }
        old.expireBy(now.plus(overlap), successor.key().id());
        authenticator.forgetAfterCommit(keyId);
        audit.append(actor, "api_key.rotated", "api_key", keyId.toString(), Map.of("successor",
                successor.key().id().toString(), "oldKeyExpiresAt", old.expiresAt().toString()));
        return successor;
    }

    /** Records use, at most once a minute per key on this node, in a transaction of its own. */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.REQUIRES_NEW)
    public void touch(UUID tenantId, UUID keyId) {
        tenantSession.bind(tenantId);
        em.createNativeQuery("update app.api_key set last_used_at = now() where id = ?1").setParameter(1, keyId).executeUpdate();
    }

    public static boolean touchDue(UUID keyId) {
        long now = System.currentTimeMillis();
        boolean[] due = {false};
        LAST_TOUCH.compute(keyId, (id, last) -> {
            if (last == null || now - last > 60_000) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }

    private static final java.util.concurrent.ConcurrentHashMap<UUID, Long> LAST_TOUCH = new java.util.concurrent.ConcurrentHashMap<>();
    public static final Duration MAX_LIFETIME = Duration.ofDays(730);
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private IssuedKey issue(Actor actor, Set<String> callerPermissions, String name, String role) {
        roles.requireAssignable(actor.tenantId(), callerPermissions, role);
        tenantSession.bind(actor.tenantId());
        return issueForBoundTenant(actor, name, role);
    }

    /** For callers that already bound the actor's tenant in this transaction (tenant creation). */
    public IssuedKey issueForBoundTenant(Actor actor, String name, String role) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.invalid("name", "must be 1 to 100 characters");
        }
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = new ApiKey(actor.tenantId(), name.strip(), role, secret,
                StoredTime.now(), actor.principal());
        em.persist(key);
        audit.append(actor, "api_key.created", "api_key", key.id().toString(),
                Map.of("name", key.name(), "prefix", key.prefix(), "role", role));
        return new IssuedKey(key, secret);
    }

    public List<ApiKey> list(UUID tenantId) {
        tenantSession.bind(tenantId);
        return em.createQuery("select k from ApiKey k where k.tenantId = :t order by k.createdAt", ApiKey.class)
                .setParameter("t", tenantId)
                .getResultList();
    }

    /**
     * Resolves a presented key before any tenant is bound (callers go through the caching
     * {@link ApiKeyAuthenticator}), through the narrow SECURITY DEFINER
     * function {@code app.resolve_api_key}: a hash in, the key's tenant and status out.
     */
    public Optional<ApiCaller> authenticate(String presented) {
        if (!ApiKeySecret.wellFormed(presented)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select key_id, tenant_id, prefix, expires_at, revoked_at, role, permissions from app.resolve_api_key(?1)")
                .setParameter(1, ApiKeySecret.hashOf(presented))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        ApiCaller caller = ApiCaller.apiKey((UUID) row[1], (UUID) row[0], (String) row[2], (String) row[5],
                NativeValues.textSet(row[6]), NativeValues.instant(row[3]));
        if (row[4] != null || caller.expiredAt(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(caller);
    }
}
