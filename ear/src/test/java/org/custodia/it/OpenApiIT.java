package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The API's OpenAPI 3.1 document at {@code /openapi}: valid for an outside parser (swagger-parser), and complete for
 * every operation: who may call it, a schema for what it answers, and a problem document with an example for each
 * error it names. A new endpoint without them fails here, by name.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    private static final Set<String> VERBS = Set.of("get", "post", "put", "delete", "patch");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static String document() throws Exception {
        Api.Reply r = OperationsIT.fetch(OperationsIT.web() + "/openapi?format=JSON");
        assertThat(r.status()).isEqualTo(200);
        Files.writeString(Path.of("target/openapi.json"), r.raw().body()); // for a look after the run
        return r.raw().body();
    }

    @Test
    void theDocumentIsValidOpenApi31() throws Exception {
        String json = document();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(json, null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/api/v1/consents/check", "/api/v1/dsars", "/api/v1/webhooks");
        Api.Reply yaml = OperationsIT.fetch(OperationsIT.web() + "/openapi");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.raw().body()).startsWith("---").contains("openapi: 3.1.0");
    }

    @Test
    void everyOperationNamesItsAccessItsAnswerAndItsErrors() throws Exception {
        JsonNode doc = Api.JSON.readTree(document());
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!VERBS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                JsonNode access = operation.path("x-custodia-access");
                if (access.isMissingNode() || access.has("undeclared")) {
                    missing.add(name + ": no access declared");
                }
                boolean answered = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = operation.path("responses").fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    int status = Integer.parseInt(r.getKey());
                    if (status < 400) {
                        answered = true;
                        if (status != 204 && status / 100 != 3 && !described(r.getValue(), doc)) {
                            missing.add(name + ": " + status + " has no schema");
                        }
                    } else {
                        JsonNode problem = r.getValue().path("content").path("application/problem+json");
                        if (problem.path("schema").isMissingNode() || problem.path("example").isMissingNode()) {
                            missing.add(name + ": " + status + " has no problem schema with an example");
                        }
                    }
                }
                if (!answered) {
                    missing.add(name + ": no success response");
                }
                if (operation.has("requestBody") && !described(operation.get("requestBody"), doc)) {
                    missing.add(name + ": request body has no schema");
                }
            }
        }
        assertThat(operations).isGreaterThan(100);
        assertThat(missing).as("operations the document leaves incomplete").isEmpty();
    }

    /** Every media type has a schema that says something: a $ref, a type other than a bare object, or properties. */
    private static boolean described(JsonNode withContent, JsonNode doc) {
        JsonNode content = withContent.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return false;
        }
        for (JsonNode media : content) {
            if (!meaningful(media.path("schema"), doc)) {
                return false;
            }
        }
        return true;
    }

    private static boolean meaningful(JsonNode schema, JsonNode doc) {
        if (schema.isMissingNode()) {
            return false;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return meaningful(doc.path("components").path("schemas").path(ref), doc);
        }
        if (schema.has("items")) {
            return meaningful(schema.get("items"), doc);
        }
        if (schema.has("properties") || schema.has("oneOf") || schema.has("anyOf") || schema.has("allOf")) {
            return true;
        }
        if (schema.has("additionalProperties")) { // a map: says something only if its values do (Map<String, Object> does not)
            return meaningful(schema.get("additionalProperties"), doc);
        }
        List<String> types = new ArrayList<>();
        (schema.path("type").isArray() ? schema.path("type") : Api.JSON.createArrayNode().add(schema.path("type")))
                .forEach(t -> { if (t.isTextual() && !t.asText().equals("null")) { types.add(t.asText()); } });
        return types.size() == 1 && !types.get(0).equals("object");
    }

    /**
     * The EAR's libraries carry no JAX-RS resources of their own onto the API: EclipseLink's bundle jar brought JPA-RS
     * ({@code /{version}/{context}/entity/...}), which answered 401/403 (a resource matched) before it was dropped.
     */
    @Test
    void onlyCustodiasOwnResourcesAreServed() {
        Api.Tenant t = Api.newTenant("jpars");
        for (String path : new String[] {"/v2.0/custodia/metadata", "/v2.0", "/v1.0/custodia/entity/ConsentPurpose/1"}) {
            assertThat(Api.anonymous().get(path).status()).as(path).isEqualTo(404);
            assertThat(t.api().get(path).status()).as(path).isEqualTo(404);
        }
    }
}
