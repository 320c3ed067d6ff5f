package org.custodia.workflow.domain;

import java.util.Objects;
import java.util.Set;

/**
 * Who holds a task now, as far as taking it from them goes: someone still able to work (their role's permissions,
 * which a taker must all hold), or someone gone (a disabled or removed user, a revoked or expired API key), whose
 * task any candidate or reassigner may take back: otherwise a review would stay with nobody who can work it.
 */
public record Assignee(boolean gone, Set<String> permissions) {

    public static final Assignee GONE = new Assignee(true, Set.of());

    public Assignee {
        permissions = Set.copyOf(Objects.requireNonNull(permissions, "permissions"));
    }

    public static Assignee active(Set<String> permissions) {
        return new Assignee(false, permissions);
    }
}
