package org.custodia.identity.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * Nobody hands out more than they hold: a custom role, a key or a user can only get permissions the
 * caller has, and a caller acts only on principals and roles that hold nothing beyond its own.
 */
public final class RoleRules {

    private RoleRules() {
    }

    /** A role must be named before anything is looked up. */
    public static void requireRoleNamed(String role) {
        if (role == null || role.isBlank()) {
            throw ProblemException.invalid("role", "is required: a built-in role (ADMIN, MANAGER, APPROVER, IT, AUDITOR) or one of yours");
        }
    }

    /** {@code granted}: the role's permissions in the tenant (empty when the tenant has no such role). */
    public static void requireAssignable(Set<String> callerPermissions, Set<String> granted) {
        if (granted.isEmpty()) {
            throw ProblemException.invalid("role", "is not a role of this tenant");
        }
        if (!callerPermissions.containsAll(granted)) {
            throw escalation("role");
        }
    }

    /** The target (a user's or key's role, a custom role) holds nothing the caller lacks. */
    public static void requireNotOutranked(Set<String> callerPermissions, Set<String> targetPermissions, String field) {
        if (!callerPermissions.containsAll(targetPermissions)) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "You cannot act on a user, API key or role that holds permissions you do not have.",
                    List.of(new FieldError(field, "holds permissions beyond yours")));
        }
    }

    /** What is wrong with a custom role's definition; {@code known}: the permission catalogue's keys. */
    public static List<FieldError> definitionErrors(String name, String description, List<String> permissions, Set<String> known) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !name.matches("[a-z][a-z0-9_-]{1,39}")) {
            errors.add(new FieldError("name", "must be 2 to 40 lower-case letters, digits, '-' or '_', starting with a letter"));
        }
        if (description == null || description.isBlank() || description.length() > 500) {
            errors.add(new FieldError("description", "must be 1 to 500 characters"));
        }
        if (permissions == null || permissions.isEmpty()) {
            errors.add(new FieldError("permissions", "must name at least one permission"));
        } else {
            for (String p : permissions) {
                if (!known.contains(p)) {
                    errors.add(new FieldError("permissions", "unknown permission '" + p + "'"));
                }
            }
        }
        return errors;
    }

    /** Refuses a grant of permissions the caller does not hold. */
    public static void requireHeld(Set<String> callerPermissions, Collection<String> granted, String field) {
        if (!callerPermissions.containsAll(granted)) {
            throw escalation(field);
        }
    }

    public static ProblemException escalation(String field) {
        return new ProblemException(403, "forbidden", "Forbidden", "You cannot grant permissions you do not have.",
                List.of(new FieldError(field, "exceeds your permissions")));
    }
}
