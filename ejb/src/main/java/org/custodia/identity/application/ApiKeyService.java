package org.custodia.identity.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    public IssuedKey issue(Actor actor, String name) {
        tenantSession.bind(actor.tenantId());
        return issueForBoundTenant(actor, name);
    }

    /** For callers that already bound the actor's tenant in this transaction (tenant creation). */
    public IssuedKey issueForBoundTenant(Actor actor, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.invalid("name", "must be 1 to 100 characters");
        }
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = new ApiKey(actor.tenantId(), name.strip(), secret, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), actor.principal());
        em.persist(key);
        audit.append(actor, "api_key.created", "api_key", key.id().toString(),
                Map.of("name", key.name(), "prefix", key.prefix()));
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
                        "select key_id, tenant_id, prefix, expires_at, revoked_at from app.resolve_api_key(?1)")
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
        return Optional.of(new ApiCaller((UUID) row[1], (UUID) row[0], (String) row[2]));
    }

    private static Instant toInstant(Object timestamp) {
        return timestamp instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) timestamp;
    }
}
