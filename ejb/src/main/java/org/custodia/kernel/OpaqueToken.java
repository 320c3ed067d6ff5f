package org.custodia.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random bearer secrets that are not API keys: session cookies, links in mail, OIDC state. 256 bits,
 * base64url; only the SHA-256 is stored, so a database leak reveals no usable token.
 */
public final class OpaqueToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueToken() {
    }

    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hashOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shape check before any lookup, so junk never reaches the database. */
    public static boolean wellFormed(String token, String prefix) {
        return token != null && token.length() == prefix.length() + 43 && token.startsWith(prefix)
                && token.chars().skip(prefix.length()).allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
