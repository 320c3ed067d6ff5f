package org.custodia.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class StandardWebhookSignatureTest {

    @Test
    void reproducesTheStandardWebhooksTestVector() {
        // the vector published with the Standard Webhooks reference libraries
        assertThat(StandardWebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretSignsWhatAnIndependentHmacComputes() throws Exception {
        String secret = StandardWebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        byte[] key = Base64.getDecoder().decode(secret.substring(6));
        assertThat(key).hasSize(32);
        byte[] body = "{\"requestId\":\"r\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal("id-1.1700000000.{\"requestId\":\"r\"}".getBytes(StandardCharsets.UTF_8)));
        var headers = StandardWebhookSignature.headers(secret, "id-1", 1700000000L, body);
        assertThat(headers.get("webhook-signature")).containsExactly(expected);
        assertThat(headers.get("webhook-id")).containsExactly("id-1");
        assertThat(headers.get("webhook-timestamp")).containsExactly("1700000000");
        assertThat(StandardWebhookSignature.sign(secret, "id-1", 1700000001L, body)).isNotEqualTo(expected);
        assertThat(StandardWebhookSignature.newSecret()).isNotEqualTo(secret);
    }

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long AT = 1614265330;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void duringARotationBothSecretsSignAndEitherVerifies() {
        String next = StandardWebhookSignature.newSecret();
        String header = StandardWebhookSignature.header(java.util.List.of(next, SECRET), ID, AT, BODY);
        assertThat(header.split(" ")).hasSize(2);
        assertThat(StandardWebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, BODY, AT + 10)).isTrue();
        assertThat(StandardWebhookSignature.verify(next, ID, String.valueOf(AT), header, BODY, AT + 10)).isTrue();
        assertThat(StandardWebhookSignature.verify(StandardWebhookSignature.newSecret(), ID, String.valueOf(AT), header, BODY, AT)).isFalse();
    }

    @Test
    void aTamperedBodyAnotherIdOrAnOldTimestampIsRefused() {
        String header = StandardWebhookSignature.sign(SECRET, ID, AT, BODY);
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(StandardWebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, tampered, AT)).isFalse();
        assertThat(StandardWebhookSignature.verify(SECRET, "msg_other", String.valueOf(AT), header, BODY, AT)).isFalse();
        assertThat(StandardWebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, BODY, AT + 5 * 60)).isTrue();
        assertThat(StandardWebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, BODY, AT + 5 * 60 + 1)).as("older than 5 minutes").isFalse();
        assertThat(StandardWebhookSignature.verify(SECRET, ID, String.valueOf(AT), header, BODY, AT - 5 * 60 - 1)).as("from the future").isFalse();
        assertThat(StandardWebhookSignature.verify(SECRET, ID, "1614265330.5", header, BODY, AT)).isFalse();
        assertThat(StandardWebhookSignature.verify(SECRET, ID, String.valueOf(AT), "v1,", BODY, AT)).isFalse();
    }
}
