package org.custodia.platform.api;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import io.micrometer.core.instrument.Timer;

import org.custodia.platform.metrics.Meters;

/**
 * Request rate and latency per endpoint: {@code http_server_requests_seconds{method, uri, status}}, the URI as its
 * template ({@code /dsars/{id}}), never the path a caller typed (ids would make a series each); refused before any
 * resource matched (unknown path, authentication) counts as {@code uri="UNMATCHED"}. Started first, before
 * authentication, so refusals are timed too.
 */
@Provider
@PreMatching
@Priority(1)
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestMetricsFilter.class.getName() + ".started";
    /** Latency buckets: enough to read a p50 and p99 per endpoint, few enough for 150 endpoints. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();
    private static final java.util.Set<String> STANDARD_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** One timer per method, template and status, found without building a meter id per request (the check's hot path). */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    Meters meters;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (!(started instanceof Long since)) {
            return;
        }
        Method method = resource == null ? null : resource.getResourceMethod();
        String uri = method == null ? "UNMATCHED" : TEMPLATES.computeIfAbsent(method, m -> template(resource.getResourceClass(), m));
        String httpMethod = STANDARD_METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER"; // a caller's made-up verb is no series
        String status = String.valueOf(response.getStatus());
        timers.computeIfAbsent(httpMethod + " " + uri + " " + status, k -> Timer.builder("http.server.requests")
                        .description("API requests by endpoint template, method and status")
                        .tag("method", httpMethod).tag("uri", uri).tag("status", status)
                        .serviceLevelObjectives(BUCKETS).register(meters.registry()))
                .record(System.nanoTime() - since, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The class's and the method's {@code @Path}, joined as the API names them ({@code /webhooks/{id}/ping}). */
    static String template(Class<?> type, Method method) {
        String base = type.isAnnotationPresent(Path.class) ? type.getAnnotation(Path.class).value() : "";
        String own = method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "";
        String joined = ("/" + base + "/" + own).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
