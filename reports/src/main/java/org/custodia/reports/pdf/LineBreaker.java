package org.custodia.reports.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Greedy word wrap that keeps identifiers whole. A word wider than the line is broken only as far as
 * needed, in this order: hexadecimal runs (hashes) into groups of {@value #HEX_GROUP} characters, then after
 * the separators of compound identifiers ({@code . _ / : @}), then after hyphens (UUIDs, dates, slugs come
 * last: they read as one thing). Only a piece that still does not fit is cut where the line ends, never
 * into single letters unless the line holds no more than one.
 */
final class LineBreaker {

    /** How far a word may be taken apart, from not at all to at every break point. */
    enum Level {
        WHOLE, HEX_GROUPS, SEPARATORS, HYPHENS
    }

    static final int HEX_GROUP = 16;
    private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{" + (HEX_GROUP + 1) + ",}");
    private static final String SEPARATORS = "._/:@";

    private final TextMeasure measure;

    LineBreaker(TextMeasure measure) {
        this.measure = measure;
    }

    /** The lines of a text (paragraphs split at '\n') in a given width. */
    List<String> wrap(String text, boolean bold, float width) {
        List<String> lines = new ArrayList<>();
        float space = measure.width(" ", bold);
        for (String paragraph : (text == null ? "" : text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float lineWidth = 0;
            for (String word : paragraph.split(" ", -1)) {
                float wordWidth = measure.width(word, bold);
                float candidate = line.length() == 0 ? wordWidth : lineWidth + space + wordWidth;
                if (candidate <= width) {
                    if (line.length() > 0) {
                        line.append(' ');
                    }
                    line.append(word);
                    lineWidth = candidate;
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (wordWidth <= width) {
                    line.append(word);
                    lineWidth = wordWidth;
                    continue;
                }
                List<String> pieces = breakWord(word, bold, width);
                lines.addAll(pieces.subList(0, pieces.size() - 1));
                line.append(pieces.get(pieces.size() - 1));
                lineWidth = measure.width(line.toString(), bold);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** A word wider than the line as lines, taken apart at the first level whose pieces all fit. */
    List<String> breakWord(String word, boolean bold, float width) {
        for (Level level : List.of(Level.HEX_GROUPS, Level.SEPARATORS, Level.HYPHENS)) {
            List<String> pieces = fragments(word, level);
            if (pieces.size() > 1 && pieces.stream().allMatch(p -> measure.width(p, bold) <= width)) {
                return pack(pieces, bold, width);
            }
        }
        List<String> cut = new ArrayList<>();
        for (String piece : fragments(word, Level.HYPHENS)) {
            cut.addAll(cutToWidth(piece, bold, width));
        }
        return pack(cut, bold, width);
    }

    /** The widest piece of any word of a text when words are taken apart at a level. */
    float widestPiece(String text, boolean bold, Level level) {
        float widest = 0;
        String all = text == null ? "" : text;
        int start = 0;
        for (int i = 0; i <= all.length(); i++) {
            if (i == all.length() || all.charAt(i) == ' ' || all.charAt(i) == '\n') {
                if (i > start) {
                    for (String piece : fragments(all.substring(start, i), level)) {
                        widest = Math.max(widest, measure.width(piece, bold));
                    }
                }
                start = i + 1;
            }
        }
        return widest;
    }

    /** The widest line of a text set without wrapping. */
    float naturalWidth(String text, boolean bold) {
        float widest = 0;
        for (String line : (text == null ? "" : text).split("\n")) {
            widest = Math.max(widest, measure.width(line, bold));
        }
        return widest;
    }

    /** A word's unbreakable pieces at a level; joined they give the word back. */
    static List<String> fragments(String word, Level level) {
        List<String> pieces = new ArrayList<>();
        if (level == Level.WHOLE) {
            pieces.add(word);
            return pieces;
        }
        int start = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean breakAfter = level != Level.HEX_GROUPS
                    && (SEPARATORS.indexOf(c) >= 0 || (level == Level.HYPHENS && c == '-'));
            if (breakAfter && i + 1 < word.length()) {
                pieces.addAll(hexGroups(word.substring(start, i + 1)));
                start = i + 1;
            }
        }
        pieces.addAll(hexGroups(word.substring(start)));
        return pieces;
    }

    /** A long hexadecimal run (a hash) as groups of {@value #HEX_GROUP}; anything else as it is. */
    private static List<String> hexGroups(String piece) {
        if (!LONG_HEX.matcher(piece).matches()) {
            return List.of(piece);
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < piece.length(); i += HEX_GROUP) {
            groups.add(piece.substring(i, Math.min(piece.length(), i + HEX_GROUP)));
        }
        return groups;
    }

    /** Joins pieces into as few lines as fit the width. */
    private List<String> pack(List<String> pieces, boolean bold, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String piece : pieces) {
            if (line.length() > 0 && measure.width(line + piece, bold) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(piece);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The last resort: a piece as long stretches of characters, each as long as the line holds. */
    private List<String> cutToWidth(String piece, boolean bold, float width) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < piece.length()) {
            int end = start + Character.charCount(piece.codePointAt(start)); // at least one character
            while (end < piece.length()) {
                int next = end + Character.charCount(piece.codePointAt(end));
                if (measure.width(piece.substring(start, next), bold) > width) {
                    break;
                }
                end = next;
            }
            parts.add(piece.substring(start, end));
            start = end;
        }
        return parts;
    }
}
