package org.custodia.platform.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission ({@code <module>:<action>}, a row of app.permission) an endpoint needs. Every endpoint
 * declares one, or is a {@link PublicEndpoint} or {@link PlatformAdminEndpoint}; an endpoint declaring
 * none is refused (fail closed).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission {
    String value();
}
