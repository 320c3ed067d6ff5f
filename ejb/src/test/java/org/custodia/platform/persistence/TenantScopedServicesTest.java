package org.custodia.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every business method of tenant work names its tenant in its signature, so none can be reached
 * without one; checked over all compiled classes, so a new service is covered without anyone remembering.
 */
class TenantScopedServicesTest {

    @Test
    void everyTenantScopedBusinessMethodNamesExactlyOneTenant() throws Exception {
        List<String> unnamed = new ArrayList<>();
        List<Method> methods = tenantScopedMethods();
        for (Method m : methods) {
            if (TenantArgument.of(m).isEmpty()) {
                unnamed.add(m.getDeclaringClass().getSimpleName() + "." + m.getName());
            }
        }
        assertThat(unnamed).as("tenant work that names no single tenant (an Actor or one @TenantId UUID)").isEmpty();
        assertThat(methods).as("the scan finds the services").hasSizeGreaterThanOrEqualTo(3);
    }

    static List<Method> tenantScopedMethods() throws Exception {
        Path classes = Path.of(TenantScoped.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, TenantScopedServicesTest.class.getClassLoader());
                if (c.isAnnotation() || c.isAnnotationPresent(jakarta.interceptor.Interceptor.class)) {
                    continue;
                }
                boolean wholeClass = c.isAnnotationPresent(TenantScoped.class);
                for (Method m : c.getDeclaredMethods()) {
                    boolean business = Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic();
                    if (business && (wholeClass || m.isAnnotationPresent(TenantScoped.class))) {
                        methods.add(m);
                    }
                }
            }
        }
        return methods;
    }
}
