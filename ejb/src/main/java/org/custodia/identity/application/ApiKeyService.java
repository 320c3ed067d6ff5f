package org.custodia.identity.application;

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

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.domain.ApiCaller;
import org.custodia.identity.domain.ApiKey;
import org.custodia.identity.domain.ApiKeySecret;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

@Stateless
public class ApiKeyService {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    /** A new key and its secret, which exists only in this return value. */
    public record IssuedKey(ApiKey key, ApiKeySecret secret) {
    }

    /**
     * Issues a key with a built-in role. A caller cannot hand out more than it holds: every permission
     * of the requested role must be among {@code callerPermissions}.
     */
    public IssuedKey issue(Actor actor, Set<String> callerPermissions, String name, String role) {
        if (role == null || role.isBlank()) {
            throw ProblemException.invalid("role", "is required: one of " + roles());
        }
        @SuppressWarnings("unchecked")
        List<String> rolePermissions = em.createNativeQuery("select permission from app.role_permission where role = ?1")
                .setParameter(1, role).getResultList();
        if (rolePermissions.isEmpty()) {
            throw ProblemException.invalid("role", "must be one of " + roles());
        }
        if (!callerPermissions.containsAll(rolePermissions)) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "A key cannot grant permissions its creator lacks.", List.of(new FieldError("role", "exceeds your permissions")));
        }
        tenantSession.bind(actor.tenantId());
        return issueForBoundTenant(actor, name, role);
    }

    @SuppressWarnings("unchecked")
    private List<String> roles() {
        return em.createNativeQuery("select name from app.role order by name").getResultList();
    }

    /** For callers that already bound the actor's tenant in this transaction (tenant creation). */
    public IssuedKey issueForBoundTenant(Actor actor, String name, String role) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.invalid("name", "must be 1 to 100 characters");
        }
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = new ApiKey(actor.tenantId(), name.strip(), role, secret,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), actor.principal());
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
     * Resolves a presented key before any tenant is bound, through the narrow SECURITY DEFINER
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
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (row[4] != null || (row[3] != null && toInstant(row[3]).isBefore(now))) {
            return Optional.empty();
        }
        return Optional.of(new ApiCaller((UUID) row[1], (UUID) row[0], (String) row[2], (String) row[5],
                Set.of(permissions(row[6]))));
    }

    private static String[] permissions(Object array) {
        try {
            return array instanceof java.sql.Array a ? (String[]) a.getArray() : (String[]) array;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant toInstant(Object timestamp) {
        return timestamp instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) timestamp;
    }
}
