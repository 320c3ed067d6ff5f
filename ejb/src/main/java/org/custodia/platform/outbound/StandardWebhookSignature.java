package org.custodia.platform.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs an outbound request the Standard Webhooks way (standardwebhooks.com), so a receiver's existing library
 * verifies it: headers {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}
 * = {@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)); the secret is {@code whsec_} +
 * base64 of the key bytes. Several signatures go space-separated in one header (a rotation's new and old secret);
 * a receiver refuses a timestamp more than {@link #TOLERANCE_SECONDS} from its clock. Used by HTTP connectors and
 * webhooks.
 */
public final class StandardWebhookSignature {

    public static final String PREFIX = "whsec_";
    public static final long TOLERANCE_SECONDS = 5 * 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhookSignature() {
    }

    /** A new secret: 32 random bytes, in the {@code whsec_} form shown to the receiver once. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** {@code v1,<base64>} for the message. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        String b64 = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(b64), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The header value: one signature per secret (the current one first), separated by spaces. */
    public static String header(List<String> secrets, String id, long timestamp, byte[] body) {
        List<String> signatures = new java.util.ArrayList<>();
        for (String secret : secrets) {
            signatures.add(sign(secret, id, timestamp, body));
        }
        return String.join(" ", signatures);
    }

    /**
     * Whether a received message is signed by {@code secret} and its timestamp lies within the tolerance of
     * {@code nowSeconds}; compared in constant time.
     */
    public static boolean verify(String secret, String id, String timestamp, String signatureHeader, byte[] body, long nowSeconds) {
        if (id == null || timestamp == null || signatureHeader == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        long at = Long.parseLong(timestamp);
        if (Math.abs(nowSeconds - at) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected = sign(secret, id, at, body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String candidate : signatureHeader.trim().split(" +")) {
            match |= java.security.MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    /** The three headers for an outbound request. */
    public static Map<String, List<String>> headers(String secret, String id, long timestamp, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("webhook-id", List.of(id));
        headers.put("webhook-timestamp", List.of(Long.toString(timestamp)));
        headers.put("webhook-signature", List.of(sign(secret, id, timestamp, body)));
        return headers;
    }
}
