package org.custodia.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which languages a mail is tried in, in order: the reader's, then the tenant's, then English (always shipped).
 * Only ISO 639 codes ever become a path segment: anything else given (a header's "de-DE" becomes "de", "../x"
 * is dropped) is reduced or skipped here.
 */
public final class MailLanguages {

    public static final String FALLBACK = "en";
    private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");

    private MailLanguages() {
    }

    /** The chain for a reader who asked for {@code asked} (may be null) at a tenant whose language is {@code tenantDefault} (may be null). */
    public static List<String> chain(String asked, String tenantDefault) {
        List<String> chain = new ArrayList<>(3);
        for (String candidate : new String[] {asked, tenantDefault, FALLBACK}) {
            String code = code(candidate);
            if (code != null && !chain.contains(code)) {
                chain.add(code);
            }
        }
        return chain;
    }

    /** The language code of a tag ("de", "de-DE", "DE_de" give "de"), or null when it names none. */
    public static String code(String tag) {
        if (tag == null || tag.length() > 35) {
            return null;
        }
        String language = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return CODE.matcher(language).matches() ? language : null;
    }
}
