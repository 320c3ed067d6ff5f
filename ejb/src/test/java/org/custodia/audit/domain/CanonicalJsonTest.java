package org.custodia.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The fast writer must produce exactly the reference canonicalizer's bytes (RFC 8785). */
class CanonicalJsonTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final Random random = new Random(8785);

    @Test
    void matchesTheReferenceCanonicalizerOnRandomDocuments() throws IOException {
        for (int i = 0; i < 3000; i++) {
            JsonNode doc = randomObject(3);
            String text = JSON.writeValueAsString(doc);
            StringBuilder fast = new StringBuilder();
            CanonicalJson.write(JSON.readTree(text), fast);
            assertThat(fast.toString()).as(text).isEqualTo(new JsonCanonicalizer(text).getEncodedString());
        }
    }

    @Test
    void theEventHashEqualsSha256OfTheReferenceCanonicalForm() throws Exception {
        for (int i = 0; i < 500; i++) {
            String payload = AuditEventHasher.canonicalize(JSON.writeValueAsString(randomObject(2)));
            AuditRecord r = new AuditRecord(UUID.randomUUID(), i + 1, "t." + i, "e", randomString(), randomString(),
                    i % 3 == 0 ? null : randomString(), payload, AuditEventHasher.GENESIS_HASH, Instant.now());
            ObjectNode reference = JSON.createObjectNode();
            reference.put("tenantId", r.tenantId().toString());
            reference.put("seq", r.seq());
            reference.put("eventType", r.eventType());
            reference.put("entityType", r.entityType());
            reference.put("entityId", r.entityId());
            reference.put("actor", r.actor());
            reference.put("requestId", r.requestId());
            reference.set("payload", JSON.readTree(payload));
            reference.put("previousHash", r.previousHash());
            reference.put("createdAt", AuditEventHasher.timestamp(r.createdAt()));
            byte[] canonical = new JsonCanonicalizer(JSON.writeValueAsString(reference)).getEncodedUTF8();
            assertThat(AuditEventHasher.hash(r))
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)));
            assertThat(AuditEventHasher.canonicalDocument(r)).isEqualTo(new String(canonical, StandardCharsets.UTF_8));
        }
    }

    private JsonNode randomObject(int depth) {
        ObjectNode o = JSON.createObjectNode();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            o.set(randomString(), randomValue(depth - 1));
        }
        return o;
    }

    private JsonNode randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> JSON.getNodeFactory().textNode(randomString());
            case 1 -> JSON.getNodeFactory().numberNode(random.nextInt());
            case 2 -> JSON.getNodeFactory().numberNode(random.nextLong() >> random.nextInt(63));
            case 3 -> JSON.getNodeFactory().numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case 5 -> JSON.getNodeFactory().nullNode();
            case 6 -> JSON.getNodeFactory().numberNode(random.nextInt(1000) / 8.0);
            case 7 -> randomObject(depth);
            default -> {
                ArrayNode a = JSON.createArrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(depth - 1));
                }
                yield a;
            }
        };
    }

    private static final String ALPHABET = "aZ09 _-\"\\/\n\t\r\b\f\u0001\u001f\u007fé€ह\u2028😀Ωä";

    private String randomString() {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            int cp = ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length()))));
            b.appendCodePoint(cp);
        }
        return b.toString();
    }
}
