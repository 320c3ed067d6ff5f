package org.custodia.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long AT = 1614265330;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    /** The example the Standard Webhooks documents publish (and Node's crypto computes alike). */
    @Test
    void signsThePublishedExampleAsTheSpecificationDoes() {
        assertThat(WebhookSignature.sign(SECRET, ID, AT, BODY)).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void duringARotationBothSecretsSignAndEitherVerifies() {
        String next = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(next, SECRET), ID, AT, BODY);
        assertThat(header.split(" ")).hasSize(2);
        assertThat(WebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, BODY, AT + 10)).isTrue();
        assertThat(WebhookSignature.verify(next, ID, String.valueOf(AT), header, BODY, AT + 10)).isTrue();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), ID, String.valueOf(AT), header, BODY, AT)).isFalse();
    }

    @Test
    void aTamperedBodyAnotherIdOrAnOldTimestampIsRefused() {
        String header = WebhookSignature.sign(SECRET, ID, AT, BODY);
        assertThat(WebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), AT))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "msg_other", String.valueOf(AT), header, BODY, AT)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, BODY, AT + 5 * 60)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, BODY, AT + 5 * 60 + 1)).as("older than 5 minutes").isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, BODY, AT - 5 * 60 - 1)).as("from the future").isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, "1614265330.5", header, BODY, AT)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, String.valueOf(AT), "v1,", BODY, AT)).isFalse();
    }

    @Test
    void aNewSecretHasThePrefixAndThirtyTwoBytes() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSignature.key(secret)).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
        assertThatThrownBy(() -> WebhookSignature.sign("not-a-secret", ID, AT, BODY)).isInstanceOf(IllegalArgumentException.class);
    }
}
