package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The API answers as its OpenAPI document says, for requests made from the document alone ({@link DocumentedRequests},
 * what schemathesis does; it cannot be installed here: PyPI is not reachable): every operation, called by a tenant's
 * admin key with what its schemas describe, answers a status the operation documents (never a 5xx), in a documented
 * media type, with a body that validates against the documented schema (JSON Schema 2020-12).
 */
@ExtendWith(ArquillianExtension.class)
class ApiConformanceIT {

    private static final Set<String> VERBS = Set.of("get", "post", "put", "delete", "patch");
    private static final List<String> ORDER = List.of("get", "post", "put", "patch", "delete"); // reads first, deletions last

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> compiled = new HashMap<>();
    private int validated;

    record Operation(String path, String method, JsonNode spec) {
    }

    @Test
    void everyOperationAnswersOnlyAsDocumented() throws Exception {
        JsonNode doc = Api.JSON.readTree(OpenApiIT.document());
        Api.Tenant t = Api.newTenant("conformance");
        // what the generated requests name ("text" for a string) exists, so reads answer with bodies to validate too
        assertThat(t.api().post("/purposes", "{\"key\":\"text\",\"name\":\"Text\"}").status()).isEqualTo(201);
        assertThat(t.api().post("/consents", "{\"subject\":\"text\",\"purpose\":\"text\",\"action\":\"grant\"}").status())
                .isEqualTo(201);
        DocumentedRequests requests = new DocumentedRequests(doc, t.slug());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (VERBS.contains(op.getKey())) {
                    operations.add(new Operation(path.getKey(), op.getKey(), op.getValue()));
                }
            });
        }
        operations.sort(Comparator.comparing((Operation o) -> ORDER.indexOf(o.method())).thenComparing(Operation::path));

        List<String> findings = new ArrayList<>();
        int calls = 0;
        for (Operation op : operations) {
            for (DocumentedRequests.Call call : requests.calls(op.path(), op.method(), op.spec())) {
                calls++;
                Api.Reply reply = send(t, call);
                findings.addAll(check(doc, op, call, reply));
            }
        }
        assertThat(calls).isGreaterThan(200);
        assertThat(validated).as("answers checked against a schema").isGreaterThan(40);
        assertThat(findings).as("answers outside the document (of %d calls)", calls).isEmpty();
    }

    private static Api.Reply send(Api.Tenant t, DocumentedRequests.Call call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(OperationsIT.web() + call.pathAndQuery()))
                .timeout(Duration.ofSeconds(30)).header("Accept", call.accept())
                .header("Authorization", "Bearer " + t.api().credential())
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.contentType() != null) {
            b.header("Content-Type", call.contentType());
        }
        return t.api().send(b);
    }

    private List<String> check(JsonNode doc, Operation op, DocumentedRequests.Call call, Api.Reply reply) {
        String name = call.method() + " " + call.pathAndQuery() + (call.body() == null ? "" : " " + abbreviate(call.body()));
        JsonNode responses = op.spec().path("responses");
        String status = String.valueOf(reply.status());
        JsonNode documented = responses.has(status) ? responses.get(status) : responses.get("default");
        if (reply.status() >= 500 || documented == null) {
            return List.of(name + ": " + status + " is not documented (" + responses.properties().stream().map(Map.Entry::getKey).toList()
                    + "): " + abbreviate(reply.raw().body()));
        }
        String body = reply.raw().body();
        if (body.isEmpty() || reply.status() == 204) {
            return List.of();
        }
        String type = reply.contentType() == null ? "" : reply.contentType().split(";")[0].strip();
        JsonNode media = documented.path("content").path(type);
        if (media.isMissingNode()) {
            return List.of(name + ": " + status + " answered " + type + ", documented " + documented.path("content").properties().stream()
                    .map(Map.Entry::getKey).toList());
        }
        if (!(type.equals("application/json") || type.endsWith("+json")) || media.path("schema").isMissingNode()) {
            return List.of();
        }
        String pointer = op.path() + " " + op.method() + " " + status + " " + type;
        JsonSchema schema = compiled.computeIfAbsent(pointer, k -> schemas.getSchema(standalone(doc, media.get("schema"))));
        try {
            validated++;
            Set<ValidationMessage> errors = schema.validate(Api.JSON.readTree(body));
            return errors.isEmpty() ? List.of() : List.of(name + ": " + status + " body does not match its schema: "
                    + errors.stream().limit(5).map(ValidationMessage::getMessage).toList() + " in " + abbreviate(body));
        } catch (java.io.IOException e) {
            return List.of(name + ": " + status + " is not JSON: " + abbreviate(body));
        }
    }

    /** The operation's schema with the document's component schemas as its $defs, so it validates on its own. */
    private static JsonNode standalone(JsonNode doc, JsonNode schema) {
        ObjectNode root = Api.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("$defs", doc.path("components").path("schemas").deepCopy());
        return Api.JSON.valueToTree(rewriteRefs(Api.JSON.convertValue(root, Object.class)));
    }

    @SuppressWarnings("unchecked")
    private static Object rewriteRefs(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            m.replaceAll((k, v) -> k.equals("$ref") && v instanceof String s ? s.replace("#/components/schemas/", "#/$defs/") : rewriteRefs(v));
        } else if (node instanceof List<?> list) {
            ((List<Object>) list).replaceAll(ApiConformanceIT::rewriteRefs);
        }
        return node;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
