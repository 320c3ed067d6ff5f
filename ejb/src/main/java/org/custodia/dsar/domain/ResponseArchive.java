package org.custodia.dsar.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The download the subject receives: {@code response.json}, {@code summary.pdf} and {@code manifest.json}, which
 * names each file with its SHA-256 and size so the subject (or anyone they pass it to) can check what they hold.
 */
public final class ResponseArchive {

    public static final String JSON = "response.json";
    public static final String PDF = "summary.pdf";
    public static final String MANIFEST = "manifest.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResponseArchive() {
    }

    public static byte[] zip(String reference, byte[] json, byte[] pdf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length + pdf.length / 2 + 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, JSON, json);
            put(zip, PDF, pdf);
            put(zip, MANIFEST, manifest(reference, json, pdf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] manifest(String reference, byte[] json, byte[] pdf) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", reference);
        m.put("files", List.of(file(JSON, json), file(PDF, pdf)));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> file(String name, byte[] content) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("sha256", sha256(content));
        f.put("size", content.length);
        return f;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
