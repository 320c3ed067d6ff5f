package org.custodia.tenancy.application;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.tenancy.infrastructure.TenantRepository;

/**
 * Sign-in's slug lookup, which runs before any tenant is bound, so this class is not tenant-scoped.
 * (Creating a tenant is onboarding's TenantOnboarding, which needs identity as well.)
 */
@Stateless
public class TenantService {

    @Inject
    TenantRepository tenants;

    /**
     * A tenant's id by its slug, or null: sign-in forms and SSO links name the organisation by slug before any
     * tenant is bound (the narrow SECURITY DEFINER function {@code app.resolve_tenant_slug}).
     */
    public UUID idOfSlug(String slug) {
        return slug == null ? null : tenants.idOfSlug(slug);
    }
}
