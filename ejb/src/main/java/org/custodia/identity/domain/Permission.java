package org.custodia.identity.domain;

/** One entry of the permission catalogue (app.permission): the same for every tenant. */
public record Permission(String key, String module, String action, String description) {
}
