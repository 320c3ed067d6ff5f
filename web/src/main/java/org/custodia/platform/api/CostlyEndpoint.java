package org.custodia.platform.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose work grows with the tenant's data (a walk over the audit chain, an export, a
 * summary, parsing a PDF): it draws on the tenant's own small per-minute budget ({@code costlyPerMinute})
 * instead of the check or mutation budget. {@code exclusive} endpoints also run at most once at a time
 * per tenant on a node.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CostlyEndpoint {
    boolean exclusive() default false;
}
