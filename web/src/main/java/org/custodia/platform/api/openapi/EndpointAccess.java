package org.custodia.platform.api.openapi;

import java.lang.reflect.Method;
import java.util.Map;

import org.custodia.platform.api.AuthenticatedEndpoint;
import org.custodia.platform.api.CostlyEndpoint;
import org.custodia.platform.api.PlatformAdminEndpoint;
import org.custodia.platform.api.PublicEndpoint;
import org.custodia.platform.api.RequiresPermission;

/** Who may call an endpoint, read from the annotations the authentication filter enforces. */
record EndpointAccess(Kind kind, String permission, boolean costly) {

    enum Kind { PERMISSION, PUBLIC, PLATFORM_ADMIN, AUTHENTICATED, UNDECLARED }

    static EndpointAccess of(Method method) {
        if (method == null) {
            return new EndpointAccess(Kind.UNDECLARED, null, false);
        }
        boolean costly = method.isAnnotationPresent(CostlyEndpoint.class);
        Class<?> type = method.getDeclaringClass();
        RequiresPermission permission = method.getAnnotation(RequiresPermission.class);
        if (permission != null) {
            return new EndpointAccess(Kind.PERMISSION, permission.value(), costly);
        }
        if (method.isAnnotationPresent(PublicEndpoint.class) || type.isAnnotationPresent(PublicEndpoint.class)) {
            return new EndpointAccess(Kind.PUBLIC, null, costly);
        }
        if (method.isAnnotationPresent(PlatformAdminEndpoint.class) || type.isAnnotationPresent(PlatformAdminEndpoint.class)) {
            return new EndpointAccess(Kind.PLATFORM_ADMIN, null, costly);
        }
        if (method.isAnnotationPresent(AuthenticatedEndpoint.class) || type.isAnnotationPresent(AuthenticatedEndpoint.class)) {
            return new EndpointAccess(Kind.AUTHENTICATED, null, costly);
        }
        return new EndpointAccess(Kind.UNDECLARED, null, costly); // refused at run time (fail closed)
    }

    boolean isPublic() {
        return kind == Kind.PUBLIC;
    }

    boolean isPlatformAdmin() {
        return kind == Kind.PLATFORM_ADMIN;
    }

    Map<String, Object> extension() {
        return switch (kind) {
            case PERMISSION -> Map.of("permission", permission);
            case PUBLIC -> Map.of("public", true);
            case PLATFORM_ADMIN -> Map.of("platformAdmin", true);
            case AUTHENTICATED -> Map.of("authenticated", true);
            case UNDECLARED -> Map.of("undeclared", true);
        };
    }

    String sentence() {
        String who = switch (kind) {
            case PERMISSION -> "**Access:** needs the permission `" + permission + "` (an API key's role or the signed-in user's).";
            case PUBLIC -> "**Access:** public, no credentials.";
            case PLATFORM_ADMIN -> "**Access:** the installation operator's admin token (`CUSTODIA_ADMIN_TOKEN`).";
            case AUTHENTICATED -> "**Access:** any signed-in caller, for their own account.";
            case UNDECLARED -> "**Access:** none declared: always refused.";
        };
        return costly ? who + " Draws on the tenant's small budget for costly operations (`costlyPerMinute`)." : who;
    }
}
