package org.custodia.platform.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A secret from the installation's settings (the admin token, the metrics token) compared with one a caller presents. */
public final class ConfiguredSecret {

    private ConfiguredSecret() {
    }

    /** Compared as SHA-256 digests in constant time: neither the length nor a prefix leaks through timing. */
    public static boolean matches(String configured, String presented) {
        if (configured == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(configured), sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
