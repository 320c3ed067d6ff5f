package org.custodia.identity.infrastructure;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id at OWASP's recommended floor (19 MiB, 2 passes, 1 lane), stored as a PHC string that
 * carries its own parameters, so raising them later leaves old hashes verifiable.
 */
public final class Argon2Passwords {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** verified when the account does not exist, so both paths cost the same time */
    private static final String DECOY = hash("decoy password that matches nothing");

    private Argon2Passwords() {
    }

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public static boolean matches(String password, String storedHash) {
        if (storedHash == null) {
            Password.check(password, DECOY).with(ARGON2ID);
            return false;
        }
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }
}
