package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.domain.ApiKey;
import org.custodia.identity.domain.ApiKeyLifetimes;
import org.custodia.identity.domain.ApiKeySecret;
import org.custodia.identity.infrastructure.ApiKeyRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;

/**
 * A tenant's API keys: issue, rotate, revoke, list. Presented keys are resolved by {@link ApiKeyAuthenticator}
 * (before any tenant is known).
 */
@Stateless
@TenantScoped
public class ApiKeyService {

    public static final Duration MAX_LIFETIME = ApiKeyLifetimes.MAX_LIFETIME;
    public static final Duration MAX_OVERLAP = ApiKeyLifetimes.MAX_OVERLAP;

    @Inject
    ApiKeyRepository keys;

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
        ApiKeyLifetimes.requireValidExpiry(expiresAt, Instant.now());
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
        ApiKey key = keys.find(keyId);
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
        ApiKeyLifetimes.requireValidOverlap(overlap);
        ApiKey old = keys.find(keyId);
        if (old == null) {
            throw ProblemException.notFound("API key " + keyId);
        }
        Instant now = StoredTime.now();
        if (!old.usable(now)) {
            throw ProblemException.conflict("id", "a revoked or expired key cannot be rotated");
        }
        IssuedKey successor = issue(actor, callerPermissions, old.name(), old.role());
        Instant successorExpiry = ApiKeyLifetimes.successorExpiry(old.expiresAt(), now, overlap);
        if (successorExpiry != null) {
            successor.key().expireAt(successorExpiry);
        }
        old.expireBy(now.plus(overlap), successor.key().id());
        authenticator.forgetAfterCommit(keyId);
        audit.append(actor, "api_key.rotated", "api_key", keyId.toString(), Map.of("successor",
                successor.key().id().toString(), "oldKeyExpiresAt", old.expiresAt().toString()));
        return successor;
    }

    /** Records use, at most once a minute per key on this node, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void touch(@TenantId UUID tenantId, UUID keyId) {
        keys.touch(keyId);
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

    private IssuedKey issue(Actor actor, Set<String> callerPermissions, String name, String role) {
        roles.requireAssignable(actor.tenantId(), callerPermissions, role);
        return create(actor, name, role);
    }

    /**
     * The ADMIN key a new tenant starts with (onboarding). Only for a tenant without keys, so it can never
     * mint an ADMIN key past {@code requireAssignable} for a tenant in use.
     */
    public IssuedKey issueFirstAdminKey(Actor actor) {
        if (!keys.listOf(actor.tenantId()).isEmpty()) {
            throw new IllegalStateException("tenant " + actor.tenantId() + " has API keys already");
        }
        return create(actor, "initial admin key", "ADMIN");
    }

    private IssuedKey create(Actor actor, String name, String role) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.invalid("name", "must be 1 to 100 characters");
        }
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = new ApiKey(actor.tenantId(), name.strip(), role, secret,
                StoredTime.now(), actor.principal());
        keys.add(key);
        audit.append(actor, "api_key.created", "api_key", key.id().toString(),
                Map.of("name", key.name(), "prefix", key.prefix(), "role", role));
        return new IssuedKey(key, secret);
    }

    public List<ApiKey> list(@TenantId UUID tenantId) {
        return keys.listOf(tenantId);
    }
}
