package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON value of the wrong type is refused, naming the field, instead of being converted. */
class JacksonCoercionTest {

    private final ObjectMapper json = new JacksonConfig().getContext(Object.class);

    record Body(String name, Integer version, Long seconds, Boolean flag, List<String> permissions) {
    }

    @Test
    void scalarsOfTheWrongTypeAreRefused() {
        refused("{\"name\":12345}", "name");
        refused("{\"name\":1.5}", "name");
        refused("{\"name\":true}", "name");
        refused("{\"version\":\"1\"}", "version");
        refused("{\"version\":1.5}", "version");
        refused("{\"seconds\":\"60\"}", "seconds");
        refused("{\"flag\":\"true\"}", "flag");
        refused("{\"flag\":1}", "flag");
        refused("{\"permissions\":[true]}", "permissions");
    }

    @Test
    void valuesOfTheRightTypeRead() throws Exception {
        Body b = json.readValue("{\"name\":\"n\",\"version\":2,\"seconds\":60,\"flag\":false,\"permissions\":[\"a:b\"]}", Body.class);
        assertThat(b).isEqualTo(new Body("n", 2, 60L, false, List.of("a:b")));
    }

    private void refused(String body, String field) {
        assertThatThrownBy(() -> json.readValue(body, Body.class))
                .as(body)
                .isInstanceOf(JsonMappingException.class)
                .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(0).getFieldName()).isEqualTo(field));
    }
}
