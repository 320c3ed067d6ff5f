package org.custodia.audit.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * SHA-256 over the RFC 8785 canonical JSON of every field of an audit record (the previous event's
 * hash included), so altering any stored column of any event breaks the chain from there on.
 */
public final class AuditEventHasher {

    public static final String GENESIS_HASH = "0".repeat(64);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditEventHasher() {
    }

    /** The canonical (RFC 8785) form of a JSON document. */
    public static String canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON document", e);
        }
    }

    public static String canonicalize(Object value) {
        try {
            return canonicalize(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Instants as hashed and signed: UTC, always six fractional digits. */
    public static String timestamp(java.time.Instant instant) {
        return MICROS.format(instant);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    /**
     * The canonical JSON document an event's hash is taken over. Members are written in their RFC 8785
     * order (sorted by UTF-16 code units) directly: this runs a million times per chain verification.
     */
    public static String canonicalDocument(AuditRecord r) {
        return documentParts(r.tenantId(), r.eventType(), r.entityType(), r.entityId(), r.actor(), r.requestId(),
                r.canonicalPayload(), r.createdAt()).with(r.previousHash(), r.seq());
    }

    /**
     * An event's canonical document around its two chain fields, the previous hash and the sequence number,
     * which only the chain's head decides: the database fills them in when it chains the event
     * ({@code app.chain_audit_events}, V29), so the head stays locked for one statement, not for a round trip each.
     */
    public record DocumentParts(String beforePreviousHash, String beforeSeq, String afterSeq) {

        /** The whole document; {@code previousHash} written as a JSON string (the database writes hex as is). */
        public String with(String previousHash, long seq) {
            StringBuilder out = new StringBuilder(beforePreviousHash.length() + beforeSeq.length() + afterSeq.length() + 90);
            out.append(beforePreviousHash);
            CanonicalJson.string(previousHash, out);
            return out.append(beforeSeq).append(seq).append(afterSeq).toString();
        }
    }

    public static DocumentParts documentParts(java.util.UUID tenantId, String eventType, String entityType, String entityId,
                                              String actor, String requestId, String canonicalPayload,
                                              java.time.Instant createdAt) {
        JsonNode payload;
        try {
            payload = JSON.readTree(canonicalPayload);
        } catch (IOException e) {
            throw new UncheckedIOException("the payload is not JSON", e);
        }
        StringBuilder out = new StringBuilder(320 + canonicalPayload.length());
        out.append("{\"actor\":");
        CanonicalJson.string(actor, out);
        out.append(",\"createdAt\":\"");
        appendTimestamp(createdAt, out);
        out.append("\",\"entityId\":");
        CanonicalJson.string(entityId, out);
        out.append(",\"entityType\":");
        CanonicalJson.string(entityType, out);
        out.append(",\"eventType\":");
        CanonicalJson.string(eventType, out);
        out.append(",\"payload\":");
        CanonicalJson.write(payload, out);
        out.append(",\"previousHash\":");
        String beforePreviousHash = out.toString();
        out.setLength(0);
        out.append(",\"requestId\":");
        if (requestId == null) {
            out.append("null");
        } else {
            CanonicalJson.string(requestId, out);
        }
        out.append(",\"seq\":");
        return new DocumentParts(beforePreviousHash, out.toString(), ",\"tenantId\":\"" + tenantId + "\"}");
    }

    /** uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z' in UTC, as {@link #timestamp} but without a formatter per call. */
    static void appendTimestamp(java.time.Instant instant, StringBuilder out) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            out.append(MICROS.format(instant));
            return;
        }
        out.append(year).append('-');
        two(t.getMonthValue(), out).append('-');
        two(t.getDayOfMonth(), out).append('T');
        two(t.getHour(), out).append(':');
        two(t.getMinute(), out).append(':');
        two(t.getSecond(), out).append('.');
        String micros = Integer.toString(instant.getNano() / 1000 + 1_000_000);
        out.append(micros, 1, 7).append('Z');
    }

    private static StringBuilder two(int value, StringBuilder out) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    public static String hash(AuditRecord r) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        return HexFormat.of().formatHex(sha.digest(canonicalDocument(r).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
