package org.custodia.it;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Requests made from the OpenAPI document alone, as a generated client or schemathesis makes them: path and query
 * parameters and a JSON body built from the operation's schemas (types, formats, enums, required properties).
 * Two per operation: the required parts only, and everything the schema names.
 */
final class DocumentedRequests {

    /** One request: the filled-in path with its query string, the body (null: none) and its media type. */
    record Call(String method, String pathAndQuery, String contentType, String body, String accept) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DEEPEST = 6;

    private final JsonNode doc;
    private final String tenantSlug;

    DocumentedRequests(JsonNode doc, String tenantSlug) {
        this.doc = doc;
        this.tenantSlug = tenantSlug;
    }

    List<Call> calls(String template, String method, JsonNode operation) {
        List<Call> calls = new ArrayList<>();
        for (boolean everything : new boolean[] {false, true}) {
            String path = template;
            StringBuilder query = new StringBuilder();
            for (JsonNode p : operation.path("parameters")) {
                String name = p.path("name").asText();
                String in = p.path("in").asText();
                if (in.equals("path")) {
                    path = path.replace("{" + name + "}", encode(pathValue(name, p.path("schema"))));
                } else if (in.equals("query") && (everything || p.path("required").asBoolean())) {
                    query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                            .append(encode(text(value(p.path("schema"), everything, 0))));
                }
            }
            String contentType = null;
            String body = null;
            JsonNode content = operation.path("requestBody").path("content");
            if (content.isObject() && content.size() > 0) {
                Map.Entry<String, JsonNode> media = content.fields().next();
                contentType = media.getKey();
                body = contentType.contains("json") && !contentType.contains("ndjson")
                        ? value(media.getValue().path("schema"), everything, 0).toString()
                        : contentType.startsWith("text/csv") ? "subject,purpose,action\n" : "x";
            }
            calls.add(new Call(method.toUpperCase(), path + query, contentType, body, accept(operation)));
        }
        return calls;
    }

    /** The success media types the operation documents, then problem documents. */
    private static String accept(JsonNode operation) {
        List<String> types = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> rs = operation.path("responses").fields(); rs.hasNext(); ) {
            Map.Entry<String, JsonNode> r = rs.next();
            if (r.getKey().startsWith("2")) {
                r.getValue().path("content").fieldNames().forEachRemaining(t -> { if (!types.contains(t)) { types.add(t); } });
            }
        }
        types.add("application/problem+json");
        return String.join(", ", types) + ", */*;q=0.1";
    }

    private String pathValue(String name, JsonNode schema) {
        if (name.equals("tenantSlug") || name.equals("tenant")) {
            return tenantSlug;
        }
        JsonNode v = value(schema, false, 0);
        return v.isTextual() && v.asText().equals("text") ? "x" + UUID.randomUUID().toString().substring(0, 8) : text(v);
    }

    JsonNode value(JsonNode schema, boolean everything, int depth) {
        schema = resolve(schema);
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            for (JsonNode option : schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")) {
                if (!type(resolve(option)).equals("null")) {
                    return value(option, everything, depth);
                }
            }
        }
        switch (type(schema)) {
            case "object":
                ObjectNode object = NODES.objectNode();
                if (depth >= DEEPEST) {
                    return object;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> ps = schema.path("properties").fields(); ps.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = ps.next();
                    if (everything || required.contains(p.getKey())) {
                        object.set(p.getKey(), value(p.getValue(), everything, depth + 1));
                    }
                }
                if (schema.path("additionalProperties").isObject() && !schema.path("additionalProperties").isEmpty()) {
                    object.set("k", value(schema.get("additionalProperties"), everything, depth + 1));
                }
                return object;
            case "array":
                ArrayNode array = NODES.arrayNode();
                if (depth < DEEPEST) {
                    array.add(value(schema.path("items"), everything, depth + 1));
                }
                return array;
            case "integer":
                return NODES.numberNode(schema.has("minimum") ? schema.get("minimum").asLong() : 1);
            case "number":
                return NODES.numberNode(schema.has("minimum") ? schema.get("minimum").asDouble() : 1.5);
            case "boolean":
                return NODES.booleanNode(true);
            case "null":
                return NODES.nullNode();
            default:
                return TextNode.valueOf(string(schema.path("format").asText()));
        }
    }

    private static String string(String format) {
        return switch (format) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> Instant.now().toString();
            case "date" -> LocalDate.now().toString();
            case "email" -> "conformance-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            case "uri", "url" -> "https://example.com/x";
            case "duration" -> "PT1H";
            default -> "text";
        };
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            schema = doc.path("components").path("schemas").path(schema.get("$ref").asText().replace("#/components/schemas/", ""));
        }
        return schema;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.isTextual() ? type.asText() : schema.has("properties") ? "object" : "string";
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
