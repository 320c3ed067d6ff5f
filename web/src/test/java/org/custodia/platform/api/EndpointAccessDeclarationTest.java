package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

/** Every endpoint says who may call it: exactly one of public, platform admin, or a permission. */
class EndpointAccessDeclarationTest {

    @Test
    void everyResourceMethodDeclaresExactlyOneAccessRule() throws Exception {
        List<Method> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(20);
        for (Method m : endpoints) {
            Class<?> c = m.getDeclaringClass();
            int rules = (m.isAnnotationPresent(PublicEndpoint.class) || c.isAnnotationPresent(PublicEndpoint.class) ? 1 : 0)
                    + (m.isAnnotationPresent(PlatformAdminEndpoint.class) || c.isAnnotationPresent(PlatformAdminEndpoint.class) ? 1 : 0)
                    + (m.isAnnotationPresent(AuthenticatedEndpoint.class) || c.isAnnotationPresent(AuthenticatedEndpoint.class) ? 1 : 0)
                    + (m.isAnnotationPresent(RequiresPermission.class) ? 1 : 0);
            assertThat(rules).as("%s.%s", c.getSimpleName(), m.getName()).isEqualTo(1);
            if (m.isAnnotationPresent(RequiresPermission.class)) {
                assertThat(m.getAnnotation(RequiresPermission.class).value()).matches("[a-z_]+:[a-z_]+");
            }
        }
    }

    /** The HTTP methods of every @Path class compiled into this module. */
    static List<Method> endpoints() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(CustodiaApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, EndpointAccessDeclarationTest.class.getClassLoader());
                if (!c.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    continue;
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (Stream.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class).anyMatch(m::isAnnotationPresent)) {
                        methods.add(m);
                    }
                }
            }
        }
        return methods;
    }
}
