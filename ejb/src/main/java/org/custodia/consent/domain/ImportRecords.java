package org.custodia.consent.domain;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The records of a bulk import, one at a time, numbered by the file line they start on: CSV (RFC 4180,
 * a header row naming the columns, values trimmed, empty lines skipped) or NDJSON (one JSON object per
 * line). No record is held beyond {@link #MAX_RECORD_CHARS}: a longer one is read to its end without
 * keeping it and comes back as {@link Unreadable}, and so does a CSV quote that is never closed (which
 * runs to the end of the file, so it is the last record).
 */
public abstract sealed class ImportRecords {

    /** 64 KiB of text: far beyond any real record (subject, purpose, action and three short values). */
    public static final int MAX_RECORD_CHARS = 64 * 1024;

    /** One record: its line and its fields by column name (null when absent). */
    public sealed interface Record permits Fields, Unreadable {
        long line();
    }

    public record Fields(long line, Function<String, String> field) implements Record {
    }

    /** A record that cannot be read as one: too long, an unclosed quote, not a JSON object. */
    public record Unreadable(long line, String reason) implements Record {
    }

    static final String TOO_LONG = "is longer than 64 KiB (" + MAX_RECORD_CHARS + " characters); it was skipped";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Reader in;
    private int pushedBack = -2;
    /** the physical line the reader is on, from 1 */
    long line = 1;

    private ImportRecords(Reader in) {
        this.in = in;
    }

    public static ImportRecords csv(Reader in) {
        return new Csv(in);
    }

    public static ImportRecords ndjson(Reader in) {
        return new Ndjson(in);
    }

    /** The next record, or null at the end of the input. */
    public abstract Record next() throws IOException;

    int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    void unread(int c) {
        pushedBack = c;
    }

    private static final class Ndjson extends ImportRecords {

        Ndjson(Reader in) {
            super(in);
        }

        @Override
        public Record next() throws IOException {
            StringBuilder text = new StringBuilder();
            boolean tooLong = false;
            int c = read();
            if (c == -1) {
                return null;
            }
            long at = line;
            while (c != -1 && c != '\n') {
                if (text.length() < MAX_RECORD_CHARS) {
                    text.append((char) c);
                } else {
                    tooLong = true;
                }
                c = read();
            }
            if (c == '\n') {
                line++;
            }
            if (tooLong) {
                return new Unreadable(at, TOO_LONG);
            }
            JsonNode node;
            try {
                node = JSON.readTree(text.toString());
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                return new Unreadable(at, "is not a JSON object");
            }
            JsonNode object = node;
            return new Fields(at, name -> object.hasNonNull(name) ? object.get(name).asText() : null);
        }
    }

    private static final class Csv extends ImportRecords {

        private Map<String, Integer> columns;

        Csv(Reader in) {
            super(in);
        }

        @Override
        public Record next() throws IOException {
            if (columns == null) {
                Raw header = raw();
                if (header == null) {
                    return null;
                }
                columns = new HashMap<>();
                if (header.unreadable() != null) {
                    return new Unreadable(header.line(), header.unreadable()); // the records after it lack columns
                }
                for (int i = 0; i < header.values().size(); i++) {
                    columns.putIfAbsent(header.values().get(i), i);
                }
            }
            Raw r = raw();
            if (r == null) {
                return null;
            }
            if (r.unreadable() != null) {
                return new Unreadable(r.line(), r.unreadable());
            }
            Map<String, Integer> names = columns;
            List<String> values = r.values();
            return new Fields(r.line(), name -> {
                Integer i = names.get(name);
                return i == null || i >= values.size() ? null : values.get(i);
            });
        }

        /** One record's values before they are named, or why it cannot be read. */
        private record Raw(long line, List<String> values, String unreadable) {
        }

        /** The next record, skipping empty lines; null at the end. */
        private Raw raw() throws IOException {
            while (true) {
                long at = line;
                List<String> values = new ArrayList<>();
                StringBuilder value = new StringBuilder();
                long size = 0;
                boolean quoted = false;
                boolean afterQuote = false;
                String malformed = null;
                int c = read();
                if (c == -1) {
                    return null;
                }
                while (c != -1) {
                    if (++size > MAX_RECORD_CHARS && malformed == null) {
                        // keep reading to the record's end, keeping nothing
                        malformed = TOO_LONG;
                        values.clear();
                        value.setLength(0);
                    }
                    if (quoted) {
                        if (c == '"') {
                            int next = read();
                            if (next == '"') {
                                value.append('"');
                            } else {
                                quoted = false;
                                afterQuote = true;
                                unread(next);
                            }
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            value.append((char) c);
                        }
                    } else if (c == ',') {
                        if (malformed == null) {
                            values.add(value.toString().trim());
                        }
                        value.setLength(0);
                        afterQuote = false;
                    } else if (c == '\n' || c == '\r') {
                        if (c == '\r') {
                            int next = read();
                            if (next != '\n') {
                                unread(next);
                            }
                        }
                        line++;
                        break;
                    } else if (c == '"' && !afterQuote && value.toString().isBlank()) {
                        value.setLength(0);
                        quoted = true;
                    } else if (afterQuote && c != ' ' && c != '\t') {
                        if (malformed == null) {
                            malformed = "has text after the closing quote of a value";
                        }
                    } else {
                        value.append((char) c);
                    }
                    if (malformed != null) {
                        value.setLength(0);
                    }
                    c = read();
                }
                if (quoted) {
                    return new Raw(at, List.of(), "has a quote that is never closed (it runs to the end of the file)");
                }
                if (malformed != null) {
                    return new Raw(at, List.of(), malformed);
                }
                values.add(value.toString().trim());
                if (values.size() == 1 && values.get(0).isEmpty()) {
                    continue; // an empty line
                }
                return new Raw(at, values, null);
            }
        }
    }
}
