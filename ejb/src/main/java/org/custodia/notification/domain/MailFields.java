package org.custodia.notification.domain;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks the mail models share: the constructor of a model refuses what its mail must not carry. */
final class MailFields {

    /** A fixed code: an enum name such as {@code ACCESS} or {@code EU_GDPR}. */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    /** A role name: a built-in role ({@code APPROVER}) or a tenant's own ({@code dpo-team}). */
    private static final Pattern ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
    /**
     * A request reference: letters and digits in dash-separated groups, with at least one digit (a UUID,
     * {@code DSAR-2026-0042}); no spaces, dots or {@code @}, so no address and no plain name.
     */
    private static final Pattern REFERENCE = Pattern.compile("(?=[^0-9]*[0-9])[A-Za-z0-9]+(-[A-Za-z0-9]+)*");
    /** One path segment of a console link, of the same alphabet. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private MailFields() {
    }

    static String code(String field, String value) {
        if (value == null || !CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a code (upper-case letters, digits, '_'), not free text");
        }
        return value;
    }

    static String role(String field, String value) {
        if (value == null || !ROLE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a role name");
        }
        return value;
    }

    static String reference(String field, String value) {
        if (value == null || value.length() > 64 || !REFERENCE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a request reference (letters and digits in groups joined by '-', with a digit)");
        }
        return value;
    }

    static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be 1 to " + maxLength + " characters");
        }
        return value;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** An absolute http(s) link without user info (a link in mail is clicked, so it must go where it says). */
    static URI link(String field, URI value) {
        required(field, value);
        String scheme = value.getScheme() == null ? "" : value.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || value.getRawAuthority() == null || value.getRawUserInfo() != null) {
            throw new IllegalArgumentException(field + " must be an absolute http(s) link");
        }
        return value;
    }

    /**
     * A console link that can carry no personal data: http(s), no user info, query or fragment, and a path of
     * segments of letters, digits, '_' and '-' (so no address, no name with a space, no encoded text).
     */
    static URI consoleLink(String field, URI value) {
        link(field, value);
        if (value.getRawQuery() != null || value.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " must have no query or fragment");
        }
        String path = value.getRawPath() == null ? "" : value.getRawPath();
        for (String segment : path.split("/", -1)) {
            if (!segment.isEmpty() && !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException(field + " path segments must be letters, digits, '_' or '-'");
            }
        }
        return value;
    }
}
