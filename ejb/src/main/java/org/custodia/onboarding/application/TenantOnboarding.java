package org.custodia.onboarding.application;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.identity.application.ApiKeyService;
import org.custodia.platform.context.Actor;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.TenantProvisioning;
import org.custodia.tenancy.domain.Tenant;

/**
 * A new tenant, set up by the installation's operator in one transaction: the tenant (row, audit chain,
 * signing key; {@link TenantProvisioning} binds the new id) and a first ADMIN API key. Runs before the
 * tenant exists, so it is not tenant-scoped; it lives apart from tenancy because it also needs identity,
 * which itself depends on tenancy.
 */
@Stateless
public class TenantOnboarding {

    @Inject
    TenantProvisioning provisioning;

    @Inject
    ApiKeyService apiKeys;

    public record CreatedTenant(Tenant tenant, ApiKeyService.IssuedKey firstKey) {
    }

    public CreatedTenant create(String slug, String name, String requestId) {
        List<FieldError> errors = Tenant.problems(slug, name);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        UUID id = UUID.randomUUID();
        Tenant tenant = provisioning.provision(id, slug, name.strip(), requestId);
        // the transaction is bound to the new tenant now (provision named it)
        return new CreatedTenant(tenant, apiKeys.issueFirstAdminKey(new Actor(id, TenantProvisioning.BOOTSTRAP, requestId)));
    }
}
