package org.custodia.tenancy.application;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.identity.application.ApiKeyService;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.Tenant;
import org.custodia.tenancy.infrastructure.TenantRepository;

/**
 * Tenant bootstrap and sign-in's slug lookup: both run before any tenant is bound, so this class is not
 * tenant-scoped. Creating a tenant names the new tenant's id to {@link TenantProvisioning}, which binds it.
 */
@Stateless
public class TenantService {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    @Inject
    TenantRepository tenants;

    @Inject
    TenantProvisioning provisioning;

    public record CreatedTenant(Tenant tenant, ApiKeyService.IssuedKey firstKey) {
    }

    /**
     * A tenant's id by its slug, or null: sign-in forms and SSO links name the organisation by slug before any
     * tenant is bound (the narrow SECURITY DEFINER function {@code app.resolve_tenant_slug}).
     */
    public UUID idOfSlug(String slug) {
        return slug == null ? null : tenants.idOfSlug(slug);
    }

    /** The tenant row, its audit chain, its signing key and a first API key, in one transaction. */
    public CreatedTenant create(String slug, String name, String requestId) {
        List<FieldError> errors = invalid(slug, name);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return provisioning.provision(UUID.randomUUID(), slug, name.strip(), requestId);
    }

    static List<FieldError> invalid(String slug, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (slug == null || !SLUG.matcher(slug).matches()) {
            errors.add(new FieldError("slug", "must be 2-63 lower-case letters, digits or '-', starting with a letter or digit"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        return errors;
    }
}
