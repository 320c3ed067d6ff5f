package org.custodia.identity.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.identity.domain.Permission;
import org.custodia.identity.infrastructure.RoleRepository;

/** The permission catalogue and the built-in roles, as the database holds them (no tenant data, so no tenant is bound). */
@Stateless
public class RoleCatalogue {

    /** The built-in roles, in the order the catalogue lists them. */
    static final List<String> BUILT_IN = List.of("ADMIN", "MANAGER", "APPROVER", "IT", "AUDITOR");

    @Inject
    RoleRepository repository;

    public List<Permission> permissions() {
        return repository.permissions();
    }

    /** Role name → its permission keys, roles in a fixed order. */
    public Map<String, SortedSet<String>> roles() {
        return byRole(repository.builtInGrants());
    }

    static Map<String, SortedSet<String>> byRole(List<RoleRepository.Grant> grants) {
        Map<String, SortedSet<String>> roles = new LinkedHashMap<>();
        for (String role : BUILT_IN) {
            roles.put(role, new TreeSet<>());
        }
        for (RoleRepository.Grant g : grants) {
            roles.computeIfAbsent(g.role(), k -> new TreeSet<>()).add(g.permission());
        }
        return roles;
    }
}
