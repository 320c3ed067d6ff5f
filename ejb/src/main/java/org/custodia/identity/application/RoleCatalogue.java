package org.custodia.identity.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.SortedSet;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The permission catalogue and the built-in roles, as the database holds them (no tenant data). */
@Stateless
public class RoleCatalogue {

    public record Permission(String key, String module, String action, String description) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @SuppressWarnings("unchecked")
    public List<Permission> permissions() {
        List<Object[]> rows = em.createNativeQuery("select key, module, action, description from app.permission order by module, action")
                .getResultList();
        return rows.stream().map(r -> new Permission((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    /** Role name → its permission keys, roles in a fixed order. */
    @SuppressWarnings("unchecked")
    public Map<String, SortedSet<String>> roles() {
        Map<String, SortedSet<String>> roles = new LinkedHashMap<>();
        for (String role : List.of("ADMIN", "MANAGER", "APPROVER", "IT", "AUDITOR")) {
            roles.put(role, new TreeSet<>());
        }
        List<Object[]> rows = em.createNativeQuery("select role, permission from app.role_permission").getResultList();
        for (Object[] r : rows) {
            roles.computeIfAbsent((String) r[0], k -> new TreeSet<>()).add((String) r[1]);
        }
        return roles;
    }
}
