package org.custodia.identity.domain;

import java.security.SecureRandom;

/** Random passwords for operator-created accounts: 20 characters from an unambiguous alphabet (~115 bits). */
public final class GeneratedPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private GeneratedPasswords() {
    }

    public static String next() {
        StringBuilder b = new StringBuilder(24);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                b.append('-');
            }
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }
}
