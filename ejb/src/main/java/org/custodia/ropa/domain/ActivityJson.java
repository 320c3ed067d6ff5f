package org.custodia.ropa.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An entry's content as it is stored and versioned: JSON in the record's own field names. */
public final class ActivityJson {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ActivityJson() {
    }

    public static String write(ActivityContent content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ActivityContent read(String json) {
        try {
            return JSON.readValue(json, ActivityContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored entry is not the content it should be", e);
        }
    }

    /**
     * Stored content as this build writes it, for comparing with new content: a field added since the content was
     * stored (a data category's {@code retentionPolicy}) is then no change.
     */
    public static JsonNode canonical(String storedJson) {
        return tree(write(read(storedJson)));
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored entry is not JSON", e);
        }
    }
}
