package org.custodia.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A small HTTP client for the API under test, as one caller (an API key, the admin token, or nobody). */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    private final String credential;
    private final String sessionCookie;

    private Api(String credential) {
        this(credential, null);
    }

    private Api(String credential, String sessionCookie) {
        this.credential = credential;
        this.sessionCookie = sessionCookie;
    }

    /** A console session: the cookie value the sign-in set. */
    public static Api withSession(String sessionToken) {
        return new Api(null, sessionToken);
    }

    /** The session token from a response's Set-Cookie header, or null. */
    public static String sessionFrom(Reply r) {
        for (String c : r.raw().headers().allValues("Set-Cookie")) {
            if (c.startsWith("custodia_session=")) {
                String v = c.substring("custodia_session=".length(), c.indexOf(';'));
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The credential this client sends (tests grep logs for it). */
    public String credential() {
        return credential;
    }

    public static Api anonymous() {
        return new Api(null);
    }

    public static Api admin() {
        return new Api(ItEnvironment.ADMIN_TOKEN);
    }

    public static Api withKey(String apiKey) {
        return new Api(apiKey);
    }

    public record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    /** A new tenant with a unique slug; returns the API of its first key. */
    public static Tenant newTenant(String label) {
        String slug = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply r = admin().post("/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + label + " Ltd\"}");
        if (r.status() != 201) {
            throw new AssertionError("tenant bootstrap failed: " + r.status() + " " + r.raw().body());
        }
        return new Tenant(UUID.fromString(r.json().get("tenantId").asText()), slug,
                withKey(r.json().get("apiKey").get("key").asText()));
    }

    public record Tenant(UUID id, String slug, Api api) {
    }

    public Reply get(String path) {
        return send(request(path).GET().build());
    }

    public Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Reply send(HttpRequest.Builder builder) {
        return send(builder.build());
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ItEnvironment.apiBase() + path))
                .timeout(Duration.ofSeconds(30));
        if (credential != null) {
            b.header("Authorization", "Bearer " + credential);
        }
        if (sessionCookie != null) {
            b.header("Cookie", "custodia_session=" + sessionCookie);
        }
        return b;
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
            return new Reply(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
