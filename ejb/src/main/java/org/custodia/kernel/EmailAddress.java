package org.custodia.kernel;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What Custodia accepts as a mail address (users' sign-in addresses, data subjects' addresses for receipts):
 * at most 254 characters, one {@code @}, a dotted domain; compared and stored in lower case.
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private EmailAddress() {
    }

    public static boolean valid(String email) {
        return email != null && email.length() <= MAX_LENGTH && SHAPE.matcher(email.strip()).matches();
    }

    public static String normalised(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
