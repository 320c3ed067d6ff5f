package org.custodia.identity.application;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * Roles as one tenant sees them: the five built-in roles plus the tenant's own (lower-case names).
 * Nobody hands out more than they hold: a custom role, a key or a user can only get permissions the
 * caller has.
 */
@Stateless
public class TenantRoles {

    public record CustomRole(String name, String description, SortedSet<String> permissions) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    RolePermissionCache cache;

    /** The role's permissions in this tenant; empty when the tenant has no such role. Binds the tenant. */
    @SuppressWarnings("unchecked")
    public Set<String> permissionsOf(UUID tenantId, String role) {
        tenantSession.bind(tenantId);
        List<String> rows = em.createNativeQuery("select permission from app.role_permission where role = ?1 union "
                        + "select permission from app.tenant_role_permission where role = ?1")
                .setParameter(1, role).getResultList();
        return Set.copyOf(rows);
    }

    /** Checks that {@code role} exists in the tenant and grants nothing beyond {@code callerPermissions}. */
    public void requireAssignable(UUID tenantId, Set<String> callerPermissions, String role) {
        if (role == null || role.isBlank()) {
            throw ProblemException.invalid("role", "is required: a built-in role (ADMIN, MANAGER, APPROVER, IT, AUDITOR) or one of yours");
        }
        Set<String> granted = permissionsOf(tenantId, role);
        if (granted.isEmpty()) {
            throw ProblemException.invalid("role", "is not a role of this tenant");
        }
        if (!callerPermissions.containsAll(granted)) {
            throw escalation("role");
        }
    }

    @SuppressWarnings("unchecked")
    public List<CustomRole> customRoles(UUID tenantId) {
        tenantSession.bind(tenantId);
        List<Object[]> rows = em.createNativeQuery("select r.name, r.description, p.permission from app.tenant_role r "
                + "left join app.tenant_role_permission p on p.role = r.name order by r.name").getResultList();
        Map<String, CustomRole> roles = new java.util.LinkedHashMap<>();
        for (Object[] r : rows) {
            CustomRole role = roles.computeIfAbsent((String) r[0], n -> new CustomRole(n, (String) r[1], new TreeSet<>()));
            if (r[2] != null) {
                role.permissions().add((String) r[2]);
            }
        }
        return List.copyOf(roles.values());
    }

    public CustomRole define(Actor actor, Set<String> callerPermissions, String name, String description,
                             List<String> permissions, boolean replace) {
        validate(name, description, permissions, callerPermissions);
        tenantSession.bind(actor.tenantId());
        boolean exists = !em.createNativeQuery("select 1 from app.tenant_role where name = ?1").setParameter(1, name)
                .getResultList().isEmpty();
        if (replace && !exists) {
            throw ProblemException.notFound("role " + name);
        }
        if (!replace && exists) {
            throw ProblemException.conflict("name", "a role with this name exists");
        }
        if (exists) {
            // rewriting a role changes everyone who holds it: only a caller holding all of it may
            requireNotOutranked(actor.tenantId(), callerPermissions, name, "name");
            em.createNativeQuery("update app.tenant_role set description = ?1 where name = ?2")
                    .setParameter(1, description).setParameter(2, name).executeUpdate();
            em.createNativeQuery("delete from app.tenant_role_permission where role = ?1").setParameter(1, name).executeUpdate();
        } else {
            em.createNativeQuery("insert into app.tenant_role (tenant_id, name, description, created_at) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, actor.tenantId()).setParameter(2, name).setParameter(3, description)
                    .setParameter(4, NativeValues.at(StoredTime.now())).executeUpdate();
        }
        for (String p : new TreeSet<>(permissions)) {
            em.createNativeQuery("insert into app.tenant_role_permission (tenant_id, role, permission) values (?1, ?2, ?3)")
                    .setParameter(1, actor.tenantId()).setParameter(2, name).setParameter(3, p).executeUpdate();
        }
        cache.forgetAfterCommit(actor.tenantId());
        audit.append(actor, exists ? "role.updated" : "role.created", "role", name,
                Map.of("permissions", String.join(",", new TreeSet<>(permissions))));
        return new CustomRole(name, description, new TreeSet<>(permissions));
    }

    public void delete(Actor actor, Set<String> callerPermissions, String name) {
        tenantSession.bind(actor.tenantId());
        if (em.createNativeQuery("select 1 from app.tenant_role where name = ?1").setParameter(1, name).getResultList().isEmpty()) {
            throw ProblemException.notFound("role " + name);
        }
        requireNotOutranked(actor.tenantId(), callerPermissions, name, "name");
        long holders = ((Number) em.createNativeQuery("select (select count(*) from app.app_user where role = ?1 and status <> 'DISABLED')"
                + " + (select count(*) from app.api_key where role = ?1 and revoked_at is null and (expires_at is null or expires_at > now()))")
                .setParameter(1, name).getSingleResult()).longValue();
        if (holders > 0) {
            throw ProblemException.conflict("name", "the role is held by " + holders + " users or API keys; reassign them first");
        }
        em.createNativeQuery("delete from app.tenant_role where name = ?1").setParameter(1, name).executeUpdate();
        cache.forgetAfterCommit(actor.tenantId());
        audit.append(actor, "role.deleted", "role", name, Map.of());
    }

    @SuppressWarnings("unchecked")
    private void validate(String name, String description, List<String> permissions, Set<String> callerPermissions) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (name == null || !name.matches("[a-z][a-z0-9_-]{1,39}")) {
            errors.add(new FieldError("name", "must be 2 to 40 lower-case letters, digits, '-' or '_', starting with a letter"));
        }
        if (description == null || description.isBlank() || description.length() > 500) {
            errors.add(new FieldError("description", "must be 1 to 500 characters"));
        }
        if (permissions == null || permissions.isEmpty()) {
            errors.add(new FieldError("permissions", "must name at least one permission"));
        } else {
            Set<String> known = new HashSet<>(em.createNativeQuery("select key from app.permission").getResultList());
            for (String p : permissions) {
                if (!known.contains(p)) {
                    errors.add(new FieldError("permissions", "unknown permission '" + p + "'"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (!callerPermissions.containsAll(permissions)) {
            throw escalation("permissions");
        }
    }

    /**
     * A caller disables, changes or revokes a user or key, or rewrites or deletes a custom role, only when it
     * holds every permission that principal or role holds (IT cannot disable an ADMIN or revoke an ADMIN key,
     * a role editor cannot strip a role stronger than its own).
     */
    public void requireNotOutranked(UUID tenantId, Set<String> callerPermissions, String targetRole, String field) {
        if (!callerPermissions.containsAll(permissionsOf(tenantId, targetRole))) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "You cannot act on a user, API key or role that holds permissions you do not have.",
                    List.of(new FieldError(field, "holds permissions beyond yours")));
        }
    }

    static ProblemException escalation(String field) {
        return new ProblemException(403, "forbidden", "Forbidden", "You cannot grant permissions you do not have.",
                List.of(new FieldError(field, "exceeds your permissions")));
    }
}
