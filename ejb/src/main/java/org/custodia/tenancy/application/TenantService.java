package org.custodia.tenancy.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.custodia.platform.persistence.StoredTime;
import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.application.ApiKeyService;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.persistence.UniqueViolation;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.Tenant;

/** Creates tenants: the tenant row, its audit chain and a first API key, in one transaction. */
@Stateless
public class TenantService {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    org.custodia.crypto.application.TenantSigningKeys signingKeys;

    public record CreatedTenant(Tenant tenant, ApiKeyService.IssuedKey firstKey) {
    }

    /**
     * A tenant's id by its slug, or null: sign-in forms and SSO links name the organisation by slug before any
     * tenant is bound (the narrow SECURITY DEFINER function {@code app.resolve_tenant_slug}).
     */
    public UUID idOfSlug(String slug) {
        return slug == null ? null
                : (UUID) em.createNativeQuery("select app.resolve_tenant_slug(?1)").setParameter(1, slug).getSingleResult();
    }

    public CreatedTenant create(String slug, String name, String requestId) {
        List<FieldError> errors = new ArrayList<>();
        if (slug == null || !SLUG.matcher(slug).matches()) {
            errors.add(new FieldError("slug", "must be 2-63 lower-case letters, digits or '-', starting with a letter or digit"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        UUID id = UUID.randomUUID();
        tenantSession.bind(id);
        Tenant tenant = new Tenant(id, slug, name.strip(), StoredTime.now());
        em.persist(tenant);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            // the unique index sees every tenant's slug, although RLS hides their rows
            throw ProblemException.conflict("slug", "a tenant with this slug exists");
        }
        audit.open(id);
        Actor actor = new Actor(id, "system:bootstrap", requestId);
        audit.append(actor, "tenant.created", "tenant", id.toString(), Map.of("slug", slug));
        try {
            UUID keyId = signingKeys.create(id, tenant.name());
            audit.append(actor, "tenant.signing_key.created", "tenant_signing_key", keyId.toString(), Map.of());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the tenant's signing key", e);
        }
        return new CreatedTenant(tenant, apiKeys.issueForBoundTenant(actor, "initial admin key", "ADMIN"));
    }
}
