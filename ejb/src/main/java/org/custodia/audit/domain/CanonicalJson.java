package org.custodia.audit.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.erdtman.jcs.NumberToJSON;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RFC 8785 (JCS) serialisation straight from a parsed tree into a buffer: members sorted by UTF-16 code
 * units, strings escaped as ECMAScript's JSON.stringify does, numbers as ECMAScript doubles (the
 * reference implementation's NumberToJSON). The audit chain verifier hashes a million events with it
 * without re-parsing; a test keeps it byte-identical to the reference canonicalizer.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                names.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 requires
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> number(node, out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON: " + node.getNodeType());
        }
    }

    private static void number(JsonNode node, StringBuilder out) {
        if (node.canConvertToExactIntegral() && node.canConvertToLong()
                && Math.abs(node.longValue()) <= (1L << 53)) {
            out.append(node.longValue());
        } else {
            try {
                out.append(NumberToJSON.serializeNumber(node.doubleValue()));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("number not representable in JSON: " + node, e);
            }
        }
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
