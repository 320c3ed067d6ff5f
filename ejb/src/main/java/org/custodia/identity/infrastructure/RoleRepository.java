package org.custodia.identity.infrastructure;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.identity.domain.CustomRole;
import org.custodia.identity.domain.Permission;
import org.custodia.platform.persistence.NativeValues;

/**
 * Permissions and roles: the catalogue and the built-in roles (app.permission, app.role_permission, the
 * same for every tenant) and the bound tenant's own roles (app.tenant_role, app.tenant_role_permission).
 */
@Stateless
public class RoleRepository {

    /** One grant of a built-in role. */
    public record Grant(String role, String permission) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public List<Permission> permissions() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select key, module, action, description from app.permission order by module, action")
                .getResultList();
        return rows.stream().map(r -> new Permission((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    public Set<String> permissionKeys() {
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery("select key from app.permission").getResultList();
        return new HashSet<>(keys);
    }

    public List<Grant> builtInGrants() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select role, permission from app.role_permission").getResultList();
        return rows.stream().map(r -> new Grant((String) r[0], (String) r[1])).toList();
    }

    /** The role's permissions in the bound tenant, built-in or the tenant's own; empty when there is no such role. */
    public Set<String> permissionsOf(String role) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select permission from app.role_permission where role = ?1 union "
                        + "select permission from app.tenant_role_permission where role = ?1")
                .setParameter(1, role).getResultList();
        return Set.copyOf(rows);
    }

    public List<CustomRole> customRoles() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select r.name, r.description, p.permission from app.tenant_role r "
                + "left join app.tenant_role_permission p on p.role = r.name order by r.name").getResultList();
        Map<String, CustomRole> roles = new LinkedHashMap<>();
        for (Object[] r : rows) {
            CustomRole role = roles.computeIfAbsent((String) r[0], n -> new CustomRole(n, (String) r[1], new TreeSet<>()));
            if (r[2] != null) {
                role.permissions().add((String) r[2]);
            }
        }
        return List.copyOf(roles.values());
    }

    public boolean customRoleExists(String name) {
        return !em.createNativeQuery("select 1 from app.tenant_role where name = ?1").setParameter(1, name).getResultList().isEmpty();
    }

    public void addCustomRole(java.util.UUID tenantId, String name, String description, Instant createdAt) {
        em.createNativeQuery("insert into app.tenant_role (tenant_id, name, description, created_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, tenantId).setParameter(2, name).setParameter(3, description)
                .setParameter(4, NativeValues.at(createdAt)).executeUpdate();
    }

    /** The role's description becomes this, and its permissions none (the caller adds the new ones). */
    public void rewriteCustomRole(String name, String description) {
        em.createNativeQuery("update app.tenant_role set description = ?1 where name = ?2")
                .setParameter(1, description).setParameter(2, name).executeUpdate();
        em.createNativeQuery("delete from app.tenant_role_permission where role = ?1").setParameter(1, name).executeUpdate();
    }

    public void grant(java.util.UUID tenantId, String role, String permission) {
        em.createNativeQuery("insert into app.tenant_role_permission (tenant_id, role, permission) values (?1, ?2, ?3)")
                .setParameter(1, tenantId).setParameter(2, role).setParameter(3, permission).executeUpdate();
    }

    /** Users (not disabled) and live API keys that hold the role. */
    public long holders(String role) {
        return ((Number) em.createNativeQuery("select (select count(*) from app.app_user where role = ?1 and status <> 'DISABLED')"
                + " + (select count(*) from app.api_key where role = ?1 and revoked_at is null and (expires_at is null or expires_at > now()))")
                .setParameter(1, role).getSingleResult()).longValue();
    }

    public void deleteCustomRole(String name) {
        em.createNativeQuery("delete from app.tenant_role where name = ?1").setParameter(1, name).executeUpdate();
    }
}
