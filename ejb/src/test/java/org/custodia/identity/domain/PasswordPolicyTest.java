package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.custodia.identity.infrastructure.Argon2Passwords;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void shortCommonAndPersonalPasswordsAreRefused() {
        assertThat(PasswordPolicy.refusal("Tr0ub4dor&3")).hasValueSatisfying(r -> assertThat(r).contains("12"));
        assertThat(PasswordPolicy.refusal("password1234")).hasValueSatisfying(r -> assertThat(r).contains("easy to guess"));
        assertThat(PasswordPolicy.refusal("qwertyuiop123")).isPresent();
        assertThat(PasswordPolicy.refusal("123456789012")).isPresent();
        assertThat(PasswordPolicy.refusal("aaaaaaaaaaaaaaaa")).isPresent();
        assertThat(PasswordPolicy.refusal("anna.kowalska-2024!", "anna.kowalska", "acme")).isPresent();
        assertThat(PasswordPolicy.refusal("x".repeat(129))).hasValueSatisfying(r -> assertThat(r).contains("128"));
    }

    @Test
    void aLongUnusualPassphraseIsAccepted() {
        assertThat(PasswordPolicy.refusal("violet-kettle-harbour-9-quartz")).isEmpty();
        assertThat(PasswordPolicy.refusal("m7#Qz!pL2v@Rk8", "anna", "acme")).isEmpty();
    }

    @Test
    void argon2idHashesVerifyAndCarryTheirParameters() {
        String hash = Argon2Passwords.hash("violet-kettle-harbour-9-quartz");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Argon2Passwords.matches("violet-kettle-harbour-9-quartz", hash)).isTrue();
        assertThat(Argon2Passwords.matches("violet-kettle-harbour-9-quartZ", hash)).isFalse();
        assertThat(Argon2Passwords.hash("violet-kettle-harbour-9-quartz")).isNotEqualTo(hash); // salted
        assertThat(Argon2Passwords.matches("anything", null)).isFalse();
    }
}
