package org.custodia.dsar.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.custodia.platform.problem.FieldError;

/**
 * A tenant's service-level timing for one process and request type: how long before the legal deadline the
 * DPO is warned, and how long after it a request still open is escalated to the tenant's admins. ISO-8601
 * durations, so a test tenant can use minutes ({@code PT2M}) where a real one uses days ({@code P7D}).
 *
 * @param process the process key ({@code dsar})
 * @param type    a request type's name, or {@link #ANY_TYPE} for every type without a row of its own
 */
public record SlaTiming(String process, String type, Duration warningBefore, Duration escalationAfter) {

    public static final String DSAR_PROCESS = "dsar";
    public static final String ANY_TYPE = "*";
    /** The shortest lead or delay: shorter ones cannot be told apart from the deadline on the job executor. */
    public static final Duration SHORTEST = Duration.ofMinutes(1);
    /** The longest: a year, longer than any legal period with its extension. */
    public static final Duration LONGEST = Duration.ofDays(366);
    /** Without a row: warned a week before (as DPOs asked), escalated two days after. */
    public static final SlaTiming DEFAULT = new SlaTiming(DSAR_PROCESS, ANY_TYPE, Duration.ofDays(7), Duration.ofDays(2));

    public SlaTiming {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(warningBefore, "warningBefore");
        Objects.requireNonNull(escalationAfter, "escalationAfter");
    }

    /** The timing of a request type: its own row, else the process's {@code *} row, else {@link #DEFAULT}. */
    public static SlaTiming of(List<SlaTiming> rows, DsarType type) {
        return rows.stream().filter(r -> DSAR_PROCESS.equals(r.process()) && type.name().equals(r.type())).findFirst()
                .or(() -> rows.stream().filter(r -> DSAR_PROCESS.equals(r.process()) && ANY_TYPE.equals(r.type())).findFirst())
                .orElse(DEFAULT);
    }

    /**
     * What is wrong with one row as given ({@code at} prefixes the field names, e.g. {@code rows[2].}); the
     * durations are ISO-8601 ({@code P7D}, {@code PT36H}, {@code PT2M}).
     */
    public static List<FieldError> problems(String at, String process, String type, String warningBefore, String escalationAfter) {
        List<FieldError> problems = new ArrayList<>();
        if (!DSAR_PROCESS.equals(process)) {
            problems.add(new FieldError(at + "process", "must be one of [" + DSAR_PROCESS + "]"));
        }
        if (type == null || !ANY_TYPE.equals(type) && Arrays.stream(DsarType.values()).noneMatch(t -> t.name().equals(type))) {
            problems.add(new FieldError(at + "type", "must be " + ANY_TYPE + " or one of " + Arrays.toString(DsarType.values())));
        }
        duration(at + "warningBefore", warningBefore, problems);
        duration(at + "escalationAfter", escalationAfter, problems);
        return problems;
    }

    /** A row {@link #problems} found nothing wrong with. */
    public static SlaTiming parse(String process, String type, String warningBefore, String escalationAfter) {
        return new SlaTiming(process, type, IsoDuration.parse(warningBefore).orElseThrow(),
                IsoDuration.parse(escalationAfter).orElseThrow());
    }

    private static void duration(String field, String value, List<FieldError> problems) {
        Duration d = IsoDuration.parse(value).orElse(null);
        if (d == null) {
            problems.add(new FieldError(field, "must be an ISO-8601 duration such as P7D, PT36H or PT2M"));
        } else if (d.compareTo(SHORTEST) < 0 || d.compareTo(LONGEST) > 0) {
            problems.add(new FieldError(field, "must be between " + SHORTEST + " and " + LONGEST));
        }
    }
}
