package org.custodia.ropa.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * How a register sheet's cells hold lists and parts: items one per line, parts separated by {@code |}, and inside a
 * part {@code \|}, {@code \\} and {@code \n} for a literal bar, backslash and line break, so every text survives the
 * round trip. Parts are trimmed; an empty part is absent.
 */
final class SheetCells {

    private SheetCells() {
    }

    /** The cell's items: its non-blank lines. */
    static List<String> items(String cell) {
        List<String> items = new ArrayList<>();
        if (cell != null) {
            for (String line : cell.split("\r?\n")) {
                if (!line.isBlank()) {
                    items.add(line);
                }
            }
        }
        return items;
    }

    /** An item's parts, unescaped and trimmed; empty parts are null. */
    static List<String> parts(String item) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < item.length(); i++) {
            char c = item.charAt(i);
            if (c == '\\' && i + 1 < item.length()) {
                char next = item.charAt(++i);
                part.append(next == 'n' ? '\n' : next);
            } else if (c == '|') {
                parts.add(clean(part));
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(clean(part));
        return parts;
    }

    static String part(List<String> parts, int index) {
        return index < parts.size() ? parts.get(index) : null;
    }

    /** One item from its parts: escaped, joined with " | ", trailing absent parts left out. */
    static String item(String... parts) {
        int last = parts.length - 1;
        while (last > 0 && (parts[last] == null || parts[last].isEmpty())) {
            last--;
        }
        StringBuilder item = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                item.append(" | ");
            }
            item.append(escape(parts[i]));
        }
        return item.toString();
    }

    /** A cell's text as a problem quotes it: at most 80 characters, so an error list stays small whatever the file holds. */
    static String quote(String value) {
        String v = value == null ? "" : value;
        return "'" + (v.length() > 80 ? v.substring(0, 77) + "..." : v) + "'";
    }

    static String lines(List<String> items) {
        return String.join("\n", items);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    private static String clean(StringBuilder part) {
        String s = part.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
