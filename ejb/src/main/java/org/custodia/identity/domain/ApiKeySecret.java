package org.custodia.identity.domain;

import org.custodia.kernel.OpaqueToken;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An API key as presented by clients: {@code cus_<prefix>_<secret>}. The prefix (8 hex characters)
 * names the key in logs and lists; the secret is 32 random bytes, base64url. The stored form is the
 * SHA-256 of the whole key: a high-entropy secret needs no slow hash.
 */
public record ApiKeySecret(String prefix, String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("cus_([0-9a-f]{8})_[A-Za-z0-9_-]{43}");

    public static ApiKeySecret generate() {
        byte[] prefix = new byte[4];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(prefix);
        RANDOM.nextBytes(secret);
        String p = HexFormat.of().formatHex(prefix);
        return new ApiKeySecret(p, "cus_" + p + "_"
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Whether a presented string has the shape of a key (checked before any database work). */
    public static boolean wellFormed(String presented) {
        return presented != null && FORMAT.matcher(presented).matches();
    }

    /** The stored form: SHA-256 hex, as for every other bearer secret (keys are ASCII, so UTF-8 bytes are the same). */
    public static String hashOf(String presented) {
        return OpaqueToken.hashOf(presented);
    }

    public static String mask(String prefix, String last4) {
        return "cus_" + prefix + "_…" + last4;
    }

    public String hash() {
        return hashOf(value);
    }

    public String last4() {
        return value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return mask(prefix, last4()); // never print the secret by accident
    }
}
