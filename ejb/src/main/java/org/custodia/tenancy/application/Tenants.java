package org.custodia.tenancy.application;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.Tenant;
import org.custodia.tenancy.infrastructure.TenantRepository;

/** A tenant's own record (name, slug), for other contexts that print it (receipts, reports). */
@Stateless
@TenantScoped
public class Tenants {

    @Inject
    TenantRepository tenants;

    public Tenant of(@TenantId UUID tenantId) {
        Tenant tenant = tenants.find(tenantId);
        if (tenant == null) {
            throw ProblemException.notFound("Tenant " + tenantId);
        }
        return tenant;
    }
}
