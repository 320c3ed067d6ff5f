package org.custodia.identity.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;

import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.persistence.TenantSession;
import org.junit.jupiter.api.Test;

/**
 * The identity services hold no SQL (repositories in identity.infrastructure do) and bind no tenant by
 * hand: every service is tenant work ({@link TenantScoped}) except the few entry points that run before a
 * tenant is known or read no tenant data. A new service is covered without anyone remembering.
 */
class IdentityLayeringTest {

    /** Tenant-less: resolve a credential, token or slug first, or hold caches; none touches a tenant's rows itself. */
    static final Set<String> TENANT_LESS = Set.of("AccountLinks", "ApiKeyAuthenticator", "BearerTokens", "LocalSignIn", "OidcSignIn",
            "RoleCatalogue", "RolePermissionCache", "SessionAuthenticator", "SignInSummarySchedule", "SsoDirectory");

    @Test
    void noServiceHoldsAnEntityManagerADataSourceOrTheTenantSession() throws Exception {
        List<String> found = new ArrayList<>();
        for (Class<?> c : services()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == EntityManager.class || f.getType() == DataSource.class || f.getType() == TenantSession.class) {
                    found.add(c.getSimpleName() + "." + f.getName());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void noServiceHandsOutRawRows() throws Exception {
        List<String> found = new ArrayList<>();
        for (Class<?> c : services()) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPrivate(m.getModifiers()) && (m.getReturnType() == Object[].class
                        || m.getGenericReturnType().getTypeName().contains("java.lang.Object[]"))) {
                    found.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyServiceIsTenantWorkExceptTheKnownTenantLessEntryPoints() throws Exception {
        Set<String> unscoped = new TreeSet<>();
        for (Class<?> c : services()) {
            if (!c.isAnnotationPresent(TenantScoped.class)) {
                unscoped.add(c.getSimpleName());
            }
        }
        assertThat(unscoped).isEqualTo(new TreeSet<>(TENANT_LESS));
    }

    static List<Class<?>> services() throws Exception {
        Path classes = Path.of(UserService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve(UserService.class.getPackageName().replace('.', '/'));
        List<Class<?>> services = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                String name = UserService.class.getPackageName() + "." + file.getFileName().toString().replaceAll("\\.class$", "");
                services.add(Class.forName(name, false, IdentityLayeringTest.class.getClassLoader()));
            }
        }
        assertThat(services).as("the scan finds the services").hasSizeGreaterThan(20);
        return services;
    }
}
