package org.custodia.platform.api;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's place in a distributed trace, as W3C Trace Context (the format OpenTelemetry propagates) names it: a
 * caller's valid {@code traceparent} is continued (its trace id kept, a new span id for this server's part), anything
 * else starts a new trace. The ids go into every log line of the request ({@code traceId}, {@code spanId}) and back
 * in the response's {@code traceparent}, so a log search finds the request from a trace and the other way round. No
 * spans are recorded or exported.
 */
record TraceContext(String traceId, String spanId, String flags) {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /** The caller's trace continued, or a new one (sampled flag off: nothing here decides to record it). */
    static TraceContext continueOrStart(String traceparent) {
        if (traceparent != null) {
            Matcher m = TRACEPARENT.matcher(traceparent.strip());
            if (m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals(ZERO_SPAN)) {
                return new TraceContext(m.group(1), newId(8), m.group(3));
            }
        }
        return new TraceContext(newId(16), newId(8), "00");
    }

    String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String newId(int bytes) {
        byte[] id = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(id);
        } while (allZero(id)); // all zeros is the invalid id
        return HexFormat.of().formatHex(id);
    }

    private static boolean allZero(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
