package org.custodia.platform.api.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Says which fields may be null: every property a schema does not list as required (a record's component or a DTO
 * field is null when it has no value, and the API writes it as {@code null}). The generator types {@code String} as
 * {@code "string"} alone, so a client validating answers would refuse {@code "expiresAt": null}.
 */
final class NullableFields {

    private NullableFields() {
    }

    static void mark(Schema schema) {
        if (schema == null) {
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            for (Map.Entry<String, Schema> p : new java.util.LinkedHashMap<>(properties).entrySet()) {
                Schema property = p.getValue();
                mark(property);
                if (!required.contains(p.getKey())) {
                    schema.addProperty(p.getKey(), nullable(property)); // the model's map is read-only: replaced in place
                }
            }
        }
        if (schema.getItems() != null) {
            mark(schema.getItems());
        }
    }

    private static Schema nullable(Schema property) {
        if (property.getRef() != null) {
            return OASFactory.createSchema().anyOf(List.of(property, OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
        }
        List<Schema.SchemaType> types = property.getType();
        if (types != null && !types.isEmpty() && !types.contains(Schema.SchemaType.NULL)) {
            property.addType(Schema.SchemaType.NULL);
        }
        return property;
    }
}
