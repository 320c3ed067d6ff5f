package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** NUL, unpaired surrogates and malformed UTF-8 are refused wherever text comes in. */
class TextInputTest {

    private final ObjectMapper json = new JacksonConfig().getContext(Object.class);

    record Body(String name, List<String> tags, Map<String, String> texts) {
    }

    @Test
    void acceptsOrdinaryTextIncludingSurrogatePairs() {
        assertThat(TextInput.acceptable("Grüße 😀 ?")).isTrue();
        assertThat(TextInput.acceptable("a\0b")).isFalse();
        assertThat(TextInput.acceptable("\ud800")).isFalse();
        assertThat(TextInput.acceptable("x\udc00y")).isFalse();
        assertThat(TextInput.acceptable("\ud83d\ud83d")).isFalse();
    }

    @Test
    void decodesPercentEncodingStrictly() {
        assertThat(TextInput.decodeStrictly("Gr%C3%BC%C3%9Fe+x", true)).isEqualTo("Grüße x");
        assertThat(TextInput.decodeStrictly("a+b", false)).isEqualTo("a+b");
        assertThat(TextInput.decodeStrictly("%3F", false)).isEqualTo("?");
        assertThat(TextInput.decodeStrictly("%ED%A0%80", false)).isNull(); // a surrogate as UTF-8: invalid
        assertThat(TextInput.decodeStrictly("%C3", false)).isNull();
        assertThat(TextInput.decodeStrictly("%FF", false)).isNull();
        assertThat(TextInput.decodeStrictly("%00", false)).isNull();
        assertThat(TextInput.decodeStrictly("%4", false)).isNull();
        assertThat(TextInput.decodeStrictly("%zz", false)).isNull();
    }

    @Test
    void theFilterNamesTheQueryParameterPathOrHeader() {
        assertThat(TextInputFilter.firstError(URI.create("http://h/api/v1/consents/check?subject=a%00&purpose=p"), Map.of()).field())
                .isEqualTo("subject");
        assertThat(TextInputFilter.firstError(URI.create("http://h/api/v1/consents?subject=%ED%A0%80"), Map.of()).field())
                .isEqualTo("subject");
        assertThat(TextInputFilter.firstError(URI.create("http://h/api/v1/purposes/a%00"), Map.of()).field()).isEqualTo("path");
        assertThat(TextInputFilter.firstError(URI.create("http://h/api/v1/x"), Map.of("Sec-GPC", List.of("1\0"))).field())
                .isEqualTo("Sec-GPC");
        assertThat(TextInputFilter.firstError(URI.create("http://h/api/v1/consents?subject=%3F&x=Gr%C3%BC%C3%9Fe"),
                Map.of("Accept", List.of("application/json")))).isNull();
    }

    @Test
    void jsonTextWithNulOrALoneSurrogateIsRefusedWithItsPath() {
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\\u0000\"}", Body.class))
                .isInstanceOf(StrictTextModule.InvalidTextException.class)
                .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(0).getFieldName()).isEqualTo("name"));
        assertThatThrownBy(() -> json.readValue("{\"tags\":[\"ok\",\"\\ud800\"]}", Body.class))
                .isInstanceOf(StrictTextModule.InvalidTextException.class)
                .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(1).getIndex()).isEqualTo(1));
        assertThatThrownBy(() -> json.readValue("{\"texts\":{\"en\":\"\\udc00\"}}", Body.class))
                .isInstanceOf(StrictTextModule.InvalidTextException.class);
        assertThatThrownBy(() -> json.readValue("{\"texts\":{\"e\\u0000\":\"x\"}}", Body.class))
                .isInstanceOf(StrictTextModule.InvalidTextException.class);
        assertThatThrownBy(() -> json.readValue("[\"\\u0000\"]", new TypeReference<List<String>>() { }))
                .isInstanceOf(StrictTextModule.InvalidTextException.class);
        // raw bytes of a surrogate (CESU-8) in the body
        byte[] cesu = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertThatThrownBy(() -> json.readValue(cesu, Body.class)).isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void ordinaryJsonTextStillReads() throws Exception {
        Body b = json.readValue("{\"name\":\"Grüße \\ud83d\\ude00\",\"tags\":[\"a\"],\"texts\":{\"en\":\"x\"}}", Body.class);
        assertThat(b.name()).isEqualTo("Grüße 😀");
        assertThat(b.tags()).containsExactly("a");
        assertThat(b.texts()).containsEntry("en", "x");
    }
}
