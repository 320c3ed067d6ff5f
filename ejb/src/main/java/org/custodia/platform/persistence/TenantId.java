package org.custodia.platform.persistence;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Marks the {@code UUID} argument of a {@link TenantScoped} method that names the tenant to bind. */
@Retention(RUNTIME)
@Target(PARAMETER)
public @interface TenantId {
}
