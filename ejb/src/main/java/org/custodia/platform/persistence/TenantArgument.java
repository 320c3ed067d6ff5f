package org.custodia.platform.persistence;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.UUID;

import org.custodia.platform.context.Actor;

/**
 * Where a {@link TenantScoped} method's tenant comes from: its {@link Actor} argument or its {@link TenantId}
 * UUID argument. A method must have exactly one such source, so the tenant is visible in its signature.
 */
public record TenantArgument(int index, boolean actor) {

    /** The method's tenant argument, or empty when it has none or more than one. */
    public static Optional<TenantArgument> of(Method method) {
        TenantArgument found = null;
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            TenantArgument candidate = null;
            if (types[i] == Actor.class) {
                candidate = new TenantArgument(i, true);
            } else if (types[i] == UUID.class && isTenantId(annotations[i])) {
                candidate = new TenantArgument(i, false);
            }
            if (candidate != null) {
                if (found != null) {
                    return Optional.empty();
                }
                found = candidate;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The tenant the call names; null when the caller passed none. */
    public UUID tenantOf(Object[] arguments) {
        Object value = arguments[index];
        if (value == null) {
            return null;
        }
        return actor ? ((Actor) value).tenantId() : (UUID) value;
    }

    private static boolean isTenantId(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType() == TenantId.class) {
                return true;
            }
        }
        return false;
    }
}
