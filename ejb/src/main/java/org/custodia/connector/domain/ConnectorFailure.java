package org.custodia.connector.domain;

import java.util.Collection;

import jakarta.ejb.ApplicationException;

/**
 * A connector could not be searched. The message is safe to show a reviewer and to keep in the engine's incident:
 * built from the failure's own words with the password or secret and the subject's identifiers taken out (a
 * database's error can quote a bound value), one line, bounded. It never carries the original exception.
 * Thrown through EJB calls as it is (not wrapped) and without dooming the caller's transaction: the caller decides
 * (discovery records the failure, then fails its step).
 */
@ApplicationException(rollback = false)
public class ConnectorFailure extends RuntimeException {

    public static final int MAX_CAUSE = 500;

    public ConnectorFailure(String safeCause) {
        super(safeCause, null, false, false);
    }

    /** The message with every one of {@code hidden} replaced, first line only, at most {@link #MAX_CAUSE} characters. */
    public static String scrub(String message, Collection<String> hidden) {
        String text = message == null ? "no detail" : message;
        for (String h : hidden) {
            if (h != null && !h.isEmpty()) {
                text = text.replace(h, "[redacted]");
            }
        }
        int nl = text.indexOf('\n');
        text = (nl < 0 ? text : text.substring(0, nl)).strip();
        return text.length() > MAX_CAUSE ? text.substring(0, MAX_CAUSE) + "..." : text;
    }
}
