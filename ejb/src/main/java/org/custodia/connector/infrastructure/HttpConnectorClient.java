package org.custodia.connector.infrastructure;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.custodia.connector.domain.CategoryQuery;
import org.custodia.connector.domain.Connector;
import org.custodia.connector.domain.ConnectorFailure;
import org.custodia.connector.domain.DiscoveryCall;
import org.custodia.connector.domain.FoundData;
import org.custodia.connector.domain.SearchAnswer;
import org.custodia.connector.domain.SubjectIdentifiers;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.outbound.OutboundHttp;
import org.custodia.platform.outbound.RefusedUrl;
import org.custodia.platform.outbound.StandardWebhookSignature;

/**
 * Asks a customer's endpoint for the subject's data: a POST through the outbound guard (HTTPS and public
 * addresses outside development, no redirects, bounded time and size), signed like Standard Webhooks. The body
 * names the request, its type and the identifiers; the answer is a JSON object of data categories, each an array
 * of records ({@code {"orders": [{...}], "profile": [{...}]}}), bounded like a JDBC search.
 */
@ApplicationScoped
public class HttpConnectorClient {

    static final int MAX_ROWS = JdbcConnectorClient.MAX_ROWS;
    private static final ObjectMapper JSON = new ObjectMapper();

    public SearchAnswer search(Connector connector, String secret, DiscoveryCall call) {
        List<String> hidden = Arrays.asList(secret, call.identifiers().subjectId(), call.identifiers().email());
        byte[] body = body(connector, call);
        String id = "msg_" + UUID.randomUUID();
        OutboundHttp.Response response;
        try {
            response = OutboundHttp.fromSettings().post(URI.create(connector.endpointUrl()),
                    StandardWebhookSignature.headers(secret, id, Instant.now().getEpochSecond(), body), "application/json", body);
        } catch (RefusedUrl e) {
            throw new ConnectorFailure("the endpoint could not be reached: " + ConnectorFailure.scrub(e.getMessage(), hidden));
        }
        if (response.status() == 202) {
            return SearchAnswer.later(); // it calls back, signed, to /connectors/{id}/callback
        }
        if (response.status() / 100 != 2) {
            throw new ConnectorFailure("the endpoint answered HTTP " + response.status());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new ConnectorFailure("the endpoint's answer is not JSON");
        }
        return new SearchAnswer(categories(answer, response.body().length));
    }

    /**
     * A JSON object of data categories, each an array of records, as bounded rows; a callback's {@code data} is read
     * the same way. {@link ConnectorFailure} says what is wrong with it.
     */
    public static FoundData categories(JsonNode answer, int size) {
        if (answer == null || !answer.isObject()) {
            throw new ConnectorFailure("the endpoint's answer must be a JSON object of data categories");
        }
        FoundData found = new FoundData(MAX_ROWS, JdbcConnectorClient.MAX_BYTES);
        found.count(size);
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = answer.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> category = it.next();
                if (!CategoryQuery.CATEGORY.matcher(category.getKey()).matches() || !category.getValue().isArray()) {
                    throw new ConnectorFailure("the endpoint's answer must map category names (a-z, 0-9, _ -) to arrays of records");
                }
                found.category(category.getKey());
                for (JsonNode record : category.getValue()) {
                    if (!record.isObject()) {
                        throw new ConnectorFailure("category " + category.getKey() + " holds something other than records");
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    record.fields().forEachRemaining(f -> row.put(f.getKey(), f.getValue().isValueNode()
                            ? JSON.convertValue(f.getValue(), Object.class) : f.getValue().toString()));
                    found.add(category.getKey(), row);
                }
            }
        } catch (FoundData.TooLarge e) {
            throw new ConnectorFailure(e.getMessage());
        }
        return found;
    }

    private static byte[] body(Connector connector, DiscoveryCall call) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "dsar.discovery");
        root.put("requestId", call.requestId().toString());
        // where a connector that answers 202 sends its signed result later
        root.put("callbackUrl", PublicUrl.base() + "/api/v1/connectors/" + connector.id() + "/callback");
        root.put("requestType", call.requestType());
        ObjectNode identifiers = root.putObject("identifiers");
        for (SubjectIdentifiers.Name name : SubjectIdentifiers.Name.values()) {
            String value = call.identifiers().value(name);
            if (value != null) {
                identifiers.put(name.jsonField(), value);
            }
        }
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
