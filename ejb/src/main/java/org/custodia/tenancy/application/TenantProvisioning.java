package org.custodia.tenancy.application;

import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.persistence.UniqueViolation;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.Tenant;
import org.custodia.tenancy.infrastructure.TenantRepository;

/** Sets up a new tenant (row, audit chain, signing key) in the caller's transaction, binding it to the new tenant's id. */
@Stateless
@TenantScoped
public class TenantProvisioning {

    /** The principal of what tenant creation records. */
    public static final String BOOTSTRAP = "system:bootstrap";

    @Inject
    TenantRepository tenants;

    @Inject
    AuditTrail audit;

    @Inject
    TenantSigningKeys signingKeys;

    /** {@code slug} and {@code name} are valid (checked by the caller). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Tenant provision(@TenantId UUID id, String slug, String name, String requestId) {
        Tenant tenant = new Tenant(id, slug, name, StoredTime.now());
        try {
            tenants.insert(tenant);
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            // the unique index sees every tenant's slug, although RLS hides their rows
            throw ProblemException.conflict("slug", "a tenant with this slug exists");
        }
        audit.open(id);
        Actor actor = new Actor(id, BOOTSTRAP, requestId);
        audit.append(actor, "tenant.created", "tenant", id.toString(), Map.of("slug", slug));
        try {
            UUID keyId = signingKeys.create(id, tenant.name());
            audit.append(actor, "tenant.signing_key.created", "tenant_signing_key", keyId.toString(), Map.of());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the tenant's signing key", e);
        }
        return tenant;
    }
}
