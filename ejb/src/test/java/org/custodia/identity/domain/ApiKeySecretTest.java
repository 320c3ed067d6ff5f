package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

    @Test
    void generatedKeysAreWellFormedAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ApiKeySecret s = ApiKeySecret.generate();
            assertThat(ApiKeySecret.wellFormed(s.value())).isTrue();
            assertThat(s.value()).startsWith("cus_" + s.prefix() + "_");
            assertThat(seen.add(s.value())).isTrue();
        }
    }

    @Test
    void theStoredHashIsTheSha256OfTheWholeKey() {
        assertThat(ApiKeySecret.hashOf("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        ApiKeySecret s = ApiKeySecret.generate();
        assertThat(s.hash()).isEqualTo(ApiKeySecret.hashOf(s.value())).doesNotContain(s.value().substring(13));
    }

    @Test
    void maskingAndPrintingNeverShowTheSecret() {
        ApiKeySecret s = ApiKeySecret.generate();
        String secretPart = s.value().substring(13);
        assertThat(s.toString()).endsWith(s.last4()).doesNotContain(secretPart.substring(0, 39));
        assertThat(ApiKeySecret.mask(s.prefix(), s.last4())).isEqualTo("cus_" + s.prefix() + "_…" + s.last4());
    }

    @Test
    void malformedKeysAreRejectedBeforeAnyLookup() {
        assertThat(ApiKeySecret.wellFormed(null)).isFalse();
        assertThat(ApiKeySecret.wellFormed("")).isFalse();
        assertThat(ApiKeySecret.wellFormed("cus_zzzzzzzz_" + "a".repeat(43))).isFalse();
        assertThat(ApiKeySecret.wellFormed("cus_0123abcd_" + "a".repeat(42))).isFalse();
        assertThat(ApiKeySecret.wellFormed("cus_0123abcd_" + "a".repeat(43))).isTrue();
    }
}
