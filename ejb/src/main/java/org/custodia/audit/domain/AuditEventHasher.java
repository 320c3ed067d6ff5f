package org.custodia.audit.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    public static String hash(AuditRecord r) {
        try {
            ObjectNode doc = JSON.createObjectNode();
            doc.put("tenantId", r.tenantId().toString());
            doc.put("seq", r.seq());
            doc.put("eventType", r.eventType());
            doc.put("entityType", r.entityType());
            doc.put("entityId", r.entityId());
            doc.put("actor", r.actor());
            doc.put("requestId", r.requestId());
            doc.set("payload", JSON.readTree(r.canonicalPayload()));
            doc.put("previousHash", r.previousHash());
            doc.put("createdAt", MICROS.format(r.createdAt()));
            byte[] canonical = new JsonCanonicalizer(JSON.writeValueAsString(doc)).getEncodedUTF8();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

}
