package org.custodia.it;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

import org.custodia.platform.api.RequiresPermission;

/**
 * Every endpoint of the web module that needs a permission, read from the {@link RequiresPermission}
 * annotations of its JAX-RS resources (the module's classes are on the test classpath: custodia-web's
 * "classes" artifact), so a new guarded endpoint cannot escape the tests that walk them.
 */
final class GuardedEndpoints {

    /**
     * {@code method} is the HTTP method; {@code template} the path under /api/v1, parameters as {name};
     * {@code declaredBy} the resource method ("PurposeResource.create").
     */
    record Endpoint(String method, String template, String permission, String declaredBy) {
        String key() {
            return method + " " + template;
        }
    }

    private GuardedEndpoints() {
    }

    static List<Endpoint> all() {
        Path location;
        try {
            location = Path.of(RequiresPermission.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                scan(location, endpoints);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    scan(jar.getPath("/"), endpoints);
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read the web module's resource classes at " + location, e);
        }
        endpoints.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return endpoints;
    }

    private static void scan(Path root, List<Endpoint> into) throws IOException, ClassNotFoundException {
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(root)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList();
        }
        for (Path file : classFiles) {
            String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> c = Class.forName(name, false, GuardedEndpoints.class.getClassLoader());
            jakarta.ws.rs.Path classPath = c.getAnnotation(jakarta.ws.rs.Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                RequiresPermission permission = m.getAnnotation(RequiresPermission.class);
                if (permission == null) {
                    continue;
                }
                jakarta.ws.rs.Path methodPath = m.getAnnotation(jakarta.ws.rs.Path.class);
                String template = template(classPath.value(), methodPath == null ? "" : methodPath.value());
                for (Annotation a : m.getAnnotations()) {
                    HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        into.add(new Endpoint(http.value(), template, permission.value(), c.getSimpleName() + "." + m.getName()));
                    }
                }
            }
        }
    }

    /** "/purposes/{key}" + "/notices/{version: [0-9]+}" gives "/purposes/{key}/notices/{version}". */
    static String template(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean inRegex = false;
        for (char ch : joined.toCharArray()) {
            if (ch == '{') {
                depth++;
                if (depth == 1) {
                    out.append(ch);
                }
                continue;
            }
            if (ch == '}') {
                depth--;
                if (depth == 0) {
                    inRegex = false;
                    out.append(ch);
                }
                continue;
            }
            if (depth == 1 && ch == ':') {
                inRegex = true;
            }
            if (depth == 0 || (depth == 1 && !inRegex && !Character.isWhitespace(ch))) {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
