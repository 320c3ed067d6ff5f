package org.custodia.platform.persistence;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Tenant work: each business method binds the tenant its arguments name (an {@link org.custodia.platform.context.Actor}
 * or a {@link TenantId} UUID) to its transaction before its body runs, and refuses to run without one.
 * Put it on application services (class level); {@link TenantBindingInterceptor} does the binding.
 */
@Inherited
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface TenantScoped {
}
