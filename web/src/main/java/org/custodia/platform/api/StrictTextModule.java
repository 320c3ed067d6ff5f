package org.custodia.platform.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Every String a JSON body yields (property values, array elements, map keys and values) passes
 * {@link TextInput}; Jackson adds the JSON path of the offending value to the error.
 */
final class StrictTextModule extends SimpleModule {

    StrictTextModule() {
        super("custodia-strict-text");
        addDeserializer(String.class, new Values());
        addKeyDeserializer(String.class, new Keys());
    }

    /** Refused text in a JSON body; mapped to a 400 problem naming the field. */
    static final class InvalidTextException extends JsonMappingException {
        InvalidTextException(JsonParser parser) {
            super(parser, "text " + TextInput.PROBLEM);
        }
    }

    private static final class Values extends StdScalarDeserializer<String> {
        Values() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && !TextInput.acceptable(value)) {
                throw new InvalidTextException(p);
            }
            return value;
        }
    }

    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (key != null && !TextInput.acceptable(key)) {
                throw new InvalidTextException(ctxt.getParser());
            }
            return key;
        }
    }
}
