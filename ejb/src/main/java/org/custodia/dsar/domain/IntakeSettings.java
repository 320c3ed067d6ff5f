package org.custodia.dsar.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.custodia.platform.problem.FieldError;

/**
 * A tenant's intake and delivery choices: how long the subject's email confirmation link works (default 7 days; the
 * process closes an unconfirmed request then), how far back a request from the same subject and of the same type is
 * linked as a duplicate (default 30 days), how long the mailed download link of an answer works (default 14
 * days), and how long after its compilation an ended request's answer is kept before its contents are purged
 * (default 30 days; an open download link keeps it longer). Durations as ISO-8601 ({@code P7D}, {@code PT12H}).
 */
public record IntakeSettings(Duration identityLinkValidity, Duration duplicateWindow, Duration downloadLinkValidity,
                             Duration packageRetention) {

    public static final Duration DEFAULT_DOWNLOAD_LINK = Duration.ofDays(14);
    public static final Duration DEFAULT_PACKAGE_RETENTION = Duration.ofDays(30);
    public static final IntakeSettings DEFAULT = new IntakeSettings(Duration.ofDays(7), Duration.ofDays(30), DEFAULT_DOWNLOAD_LINK,
            DEFAULT_PACKAGE_RETENTION);
    /** Short links are for tests and demos; a month is the most a subject may take to click. */
    static final Duration MIN_LINK = Duration.ofSeconds(1);
    static final Duration MAX_LINK = Duration.ofDays(30);
    static final Duration MAX_WINDOW = Duration.ofDays(366);
    static final Duration MAX_DOWNLOAD_LINK = Duration.ofDays(90);
    /** Short retentions are for tests and demos; a year is the most an answer's copy of the data is kept. */
    static final Duration MIN_PACKAGE_RETENTION = Duration.ofSeconds(1);
    static final Duration MAX_PACKAGE_RETENTION = Duration.ofDays(366);

    /** What is wrong with the values as given; empty when both parse and lie within bounds. */
    public static List<FieldError> problems(String identityLinkValidity, String duplicateWindow) {
        return problems(identityLinkValidity, duplicateWindow, null, null);
    }

    /**
     * As above, with the download link's validity (null: the default; else PT1S..P90D) and the package retention (null:
     * the default; else PT1S..P366D).
     */
    public static List<FieldError> problems(String identityLinkValidity, String duplicateWindow, String downloadLinkValidity,
                                            String packageRetention) {
        List<FieldError> problems = new ArrayList<>();
        Duration link = duration(identityLinkValidity);
        if (link == null || link.compareTo(MIN_LINK) < 0 || link.compareTo(MAX_LINK) > 0) {
            problems.add(new FieldError("identityLinkValidity", "must be an ISO-8601 duration from PT1S to P30D, such as P7D"));
        }
        Duration window = duration(duplicateWindow);
        if (window == null || window.isNegative() || window.compareTo(MAX_WINDOW) > 0) {
            problems.add(new FieldError("duplicateWindow", "must be an ISO-8601 duration from P0D (off) to P366D, such as P30D"));
        }
        if (downloadLinkValidity != null) {
            Duration download = duration(downloadLinkValidity);
            if (download == null || download.compareTo(MIN_LINK) < 0 || download.compareTo(MAX_DOWNLOAD_LINK) > 0) {
                problems.add(new FieldError("downloadLinkValidity", "must be an ISO-8601 duration from PT1S to P90D, such as P14D"));
            }
        }
        if (packageRetention != null) {
            Duration retention = duration(packageRetention);
            if (retention == null || retention.compareTo(MIN_PACKAGE_RETENTION) < 0 || retention.compareTo(MAX_PACKAGE_RETENTION) > 0) {
                problems.add(new FieldError("packageRetention", "must be an ISO-8601 duration from PT1S to P366D, such as P30D"));
            }
        }
        return problems;
    }

    /** Values that passed {@link #problems}. */
    public static IntakeSettings parse(String identityLinkValidity, String duplicateWindow) {
        return parse(identityLinkValidity, duplicateWindow, null, null);
    }

    /** Values that passed {@link #problems}; a null download link validity or package retention is the default. */
    public static IntakeSettings parse(String identityLinkValidity, String duplicateWindow, String downloadLinkValidity,
                                       String packageRetention) {
        return new IntakeSettings(duration(identityLinkValidity), duration(duplicateWindow),
                downloadLinkValidity == null ? DEFAULT_DOWNLOAD_LINK : duration(downloadLinkValidity),
                packageRetention == null ? DEFAULT_PACKAGE_RETENTION : duration(packageRetention));
    }

    /** When the link of a request that starts waiting for its subject at {@code now} expires. */
    public Instant linkExpiresAt(Instant now) {
        return now.plus(identityLinkValidity);
    }

    /** Whether an earlier request received at {@code earlier} is recent enough for one received at {@code received} to repeat it. */
    public boolean withinDuplicateWindow(Instant earlier, Instant received) {
        return !duplicateWindow.isZero() && !earlier.isAfter(received) && earlier.isAfter(received.minus(duplicateWindow));
    }

    /** The earliest receipt time a duplicate candidate may have. */
    public Instant duplicateWindowStart(Instant received) {
        return received.minus(duplicateWindow);
    }

    private static Duration duration(String text) {
        return IsoDuration.parse(text).orElse(null);
    }
}
