package org.custodia.identity.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecondFactorsTest {

    @Test
    void recoveryCodesAreThreeGroupsOfFiveUnambiguousCharactersAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = SecondFactors.recoveryCode();
            assertThat(code).matches("[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}");
            assertThat(code).doesNotContain("l", "o", "0", "1", "i");
            seen.add(code);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void aTypedRecoveryCodeIgnoresSurroundingBlanksAndCapitals() {
        assertThat(SecondFactors.normalisedRecoveryCode("  ABCDE-fghjk-MNPQR \n")).isEqualTo("abcde-fghjk-mnpqr");
    }
}
