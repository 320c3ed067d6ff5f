package org.custodia.workflow.domain;

import java.util.Objects;
import java.util.Set;

/**
 * Who works on user tasks: a user (id = the Custodia user id, a UUID string) or an API key (id = its
 * principal, {@code api_key:<prefix>}), acting as its role. The id is what the engine records as a task's
 * assignee; the role is matched against a task's candidate groups (Custodia role names).
 *
 * @param permissions what the worker's role grants in the tenant
 */
public record Worker(String id, String role, Set<String> permissions) {

    public Worker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        permissions = Set.copyOf(permissions);
    }

    public boolean holds(String permission) {
        return permissions.contains(permission);
    }

    /** Every permission of the other principal is also ours: a lower role never acts on a higher one. */
    public boolean notOutrankedBy(Set<String> otherPermissions) {
        return permissions.containsAll(otherPermissions);
    }
}
