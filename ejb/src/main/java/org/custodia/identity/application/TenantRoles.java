package org.custodia.identity.application;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.domain.CustomRole;
import org.custodia.identity.domain.RoleRules;
import org.custodia.identity.infrastructure.RoleRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * Roles as one tenant sees them: the five built-in roles plus the tenant's own (lower-case names).
 * Nobody hands out more than they hold ({@link RoleRules}): a custom role, a key or a user can only get
 * permissions the caller has.
 */
@Stateless
@TenantScoped
public class TenantRoles {

    @Inject
    RoleRepository repository;

    @Inject
    AuditTrail audit;

    @Inject
    RolePermissionCache cache;

    /** The role's permissions in this tenant; empty when the tenant has no such role. */
    public Set<String> permissionsOf(@TenantId UUID tenantId, String role) {
        return repository.permissionsOf(role);
    }

    /** Checks that {@code role} exists in the tenant and grants nothing beyond {@code callerPermissions}. */
    public void requireAssignable(@TenantId UUID tenantId, Set<String> callerPermissions, String role) {
        RoleRules.requireRoleNamed(role);
        RoleRules.requireAssignable(callerPermissions, repository.permissionsOf(role));
    }

    public List<CustomRole> customRoles(@TenantId UUID tenantId) {
        return repository.customRoles();
    }

    public CustomRole define(Actor actor, Set<String> callerPermissions, String name, String description,
                             List<String> permissions, boolean replace) {
        List<FieldError> errors = RoleRules.definitionErrors(name, description, permissions,
                permissions == null || permissions.isEmpty() ? Set.of() : repository.permissionKeys());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        RoleRules.requireHeld(callerPermissions, permissions, "permissions");
        boolean exists = repository.customRoleExists(name);
        if (replace && !exists) {
            throw ProblemException.notFound("role " + name);
        }
        if (!replace && exists) {
            throw ProblemException.conflict("name", "a role with this name exists");
        }
        if (exists) {
            // rewriting a role changes everyone who holds it: only a caller holding all of it may
            requireNotOutranked(actor.tenantId(), callerPermissions, name, "name");
            repository.rewriteCustomRole(name, description);
        } else {
            repository.addCustomRole(actor.tenantId(), name, description, StoredTime.now());
        }
        for (String p : new TreeSet<>(permissions)) {
            repository.grant(actor.tenantId(), name, p);
        }
        cache.forgetAfterCommit(actor.tenantId());
        audit.append(actor, exists ? "role.updated" : "role.created", "role", name,
                Map.of("permissions", String.join(",", new TreeSet<>(permissions))));
        return new CustomRole(name, description, new TreeSet<>(permissions));
    }

    public void delete(Actor actor, Set<String> callerPermissions, String name) {
        if (!repository.customRoleExists(name)) {
            throw ProblemException.notFound("role " + name);
        }
        requireNotOutranked(actor.tenantId(), callerPermissions, name, "name");
        long holders = repository.holders(name);
        if (holders > 0) {
            throw ProblemException.conflict("name", "the role is held by " + holders + " users or API keys; reassign them first");
        }
        repository.deleteCustomRole(name);
        cache.forgetAfterCommit(actor.tenantId());
        audit.append(actor, "role.deleted", "role", name, Map.of());
    }

    /**
     * A caller disables, changes or revokes a user or key, or rewrites or deletes a custom role, only when it
     * holds every permission that principal or role holds (IT cannot disable an ADMIN or revoke an ADMIN key,
     * a role editor cannot strip a role stronger than its own).
     */
    public void requireNotOutranked(@TenantId UUID tenantId, Set<String> callerPermissions, String targetRole, String field) {
        RoleRules.requireNotOutranked(callerPermissions, repository.permissionsOf(targetRole), field);
    }
}
