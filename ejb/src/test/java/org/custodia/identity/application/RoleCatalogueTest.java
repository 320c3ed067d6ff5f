package org.custodia.identity.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import org.custodia.identity.infrastructure.RoleRepository.Grant;
import org.junit.jupiter.api.Test;

class RoleCatalogueTest {

    @Test
    void theBuiltInRolesComeInAFixedOrderEvenWithoutGrantsAndTheirPermissionsSorted() {
        Map<String, SortedSet<String>> roles = RoleCatalogue.byRole(List.of(new Grant("IT", "user:view"), new Grant("ADMIN", "user:view"),
                new Grant("ADMIN", "api_key:create"), new Grant("IT", "api_key:create")));
        assertThat(roles.keySet()).containsExactly("ADMIN", "MANAGER", "APPROVER", "IT", "AUDITOR");
        assertThat(roles.get("ADMIN")).containsExactly("api_key:create", "user:view");
        assertThat(roles.get("MANAGER")).isEmpty();
    }
}
