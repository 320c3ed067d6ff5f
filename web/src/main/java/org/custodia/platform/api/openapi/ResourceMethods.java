package org.custodia.platform.api.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * The Java method behind an operation, from the id the generator gives it with the {@code PACKAGE_CLASS_METHOD}
 * strategy ({@code org.custodia.consent.api.ConsentResource_check}), and the names made from it.
 */
final class ResourceMethods {

    private ResourceMethods() {
    }

    /** The resource method, or null when the id names none (then the operation shows as undeclared). */
    static Method of(String operationId, PathItem.HttpMethod http) {
        if (operationId == null || operationId.lastIndexOf('_') < 0) {
            return null;
        }
        String type = operationId.substring(0, operationId.lastIndexOf('_'));
        String name = operationId.substring(operationId.lastIndexOf('_') + 1);
        Class<? extends Annotation> verb = verb(http);
        try {
            Class<?> resource = Class.forName(type, false, ResourceMethods.class.getClassLoader());
            List<Method> candidates = Arrays.stream(resource.getMethods())
                    .filter(m -> m.getName().equals(name) && m.isAnnotationPresent(verb)).toList();
            return candidates.isEmpty() ? null : candidates.get(0);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The bounded context: {@code consent} for {@code org.custodia.consent.api}. */
    static String context(Method method) {
        if (method == null) {
            return "other";
        }
        String[] parts = method.getDeclaringClass().getPackageName().split("\\.");
        return parts.length > 2 && parts[0].equals("org") && parts[1].equals("custodia") ? parts[2] : "other";
    }

    /** {@code consentCheck} for {@code ConsentResource.check}: what a generated client names the call. */
    static String operationId(Method method) {
        if (method == null) {
            return "undeclared";
        }
        String type = method.getDeclaringClass().getSimpleName().replaceAll("(Resource|Page)$", "");
        String name = method.getName();
        return type.substring(0, 1).toLowerCase(Locale.ROOT) + type.substring(1) + name.substring(0, 1).toUpperCase(Locale.ROOT)
                + name.substring(1);
    }

    private static Class<? extends Annotation> verb(PathItem.HttpMethod http) {
        return switch (http) {
            case GET -> GET.class;
            case POST -> POST.class;
            case PUT -> PUT.class;
            case DELETE -> DELETE.class;
            case PATCH -> PATCH.class;
            case HEAD -> HEAD.class;
            case OPTIONS -> OPTIONS.class;
            default -> GET.class;
        };
    }
}
