package org.custodia.identity.domain;

import java.util.SortedSet;

/** A tenant's own role: a lower-case name and the permissions it grants. */
public record CustomRole(String name, String description, SortedSet<String> permissions) {
}
