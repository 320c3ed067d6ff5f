package org.custodia.delivery.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com, "Signature scheme"): the secret is {@code whsec_} and the
 * base64 of its key bytes; what is signed is {@code <webhook-id>.<webhook-timestamp>.<body>}; the header
 * {@code webhook-signature} carries {@code v1,<base64 HMAC-SHA256>}, several separated by spaces (a rotation's old and
 * new secret). Receivers refuse timestamps more than {@link #TOLERANCE_SECONDS} away from their clock.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    public static final long TOLERANCE_SECONDS = 5 * 60;
    static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** {@code v1,<signature>} of one message under one secret. */
    public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The header value: one signature per secret (the current one first), separated by spaces. */
    public static String header(List<String> secrets, String messageId, long timestampSeconds, byte[] body) {
        List<String> signatures = new ArrayList<>();
        for (String secret : secrets) {
            signatures.add(sign(secret, messageId, timestampSeconds, body));
        }
        return String.join(" ", signatures);
    }

    /**
     * Whether a received message is signed by {@code secret} and its timestamp lies within the tolerance of
     * {@code nowSeconds}; compared in constant time.
     */
    public static boolean verify(String secret, String messageId, String timestamp, String signatureHeader, byte[] body,
                                 long nowSeconds) {
        if (messageId == null || timestamp == null || signatureHeader == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        long at = Long.parseLong(timestamp);
        if (Math.abs(nowSeconds - at) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected = sign(secret, messageId, at, body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String candidate : signatureHeader.trim().split(" +")) {
            match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }
}
