package org.custodia.consent.domain;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.erdtman.jcs.JsonCanonicalizer;

/**
 * One published version of a purpose's notice: its text per language and the SHA-256 of the RFC 8785
 * canonical JSON of {purpose, version, texts}. A consent names the hash it was given under, so the exact
 * words shown can be proven later.
 */
public record NoticeVersion(String purposeKey, int version, Map<String, String> texts, String contentHash, Instant publishedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public NoticeVersion {
        texts = new TreeMap<>(texts);
    }

    public static String hashOf(String purposeKey, int version, Map<String, String> texts) {
        try {
            String json = JSON.writeValueAsString(Map.of("purpose", purposeKey, "version", version, "texts", new TreeMap<>(texts)));
            byte[] canonical = new JsonCanonicalizer(json).getEncodedUTF8();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verifies() {
        return hashOf(purposeKey, version, texts).equals(contentHash);
    }

    /** The text in the language asked for, else English, else any. */
    public Map.Entry<String, String> textFor(String language) {
        if (language != null && texts.containsKey(language)) {
            return Map.entry(language, texts.get(language));
        }
        if (texts.containsKey("en")) {
            return Map.entry("en", texts.get("en"));
        }
        var first = texts.entrySet().iterator().next();
        return Map.entry(first.getKey(), first.getValue());
    }

}
