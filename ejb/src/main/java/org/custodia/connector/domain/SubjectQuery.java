package org.custodia.connector.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's SQL for one data category, checked and rewritten for JDBC: a single SELECT whose only inputs are the
 * subject's identifiers, written as named parameters ({@code :subject_id}, {@code :email}) and bound as JDBC
 * {@code ?} positions, never pasted into the text. String literals, quoted identifiers, comments and
 * dollar-quoted bodies are skipped, so a colon or semicolon inside them is text; {@code ::} is a cast. The
 * database also runs it in a read-only transaction: this check is for clear answers, that one for safety.
 */
public record SubjectQuery(String jdbcSql, List<SubjectIdentifiers.Name> parameters) {

    public static final int MAX_LENGTH = 10_000;

    /** A query the tenant must correct, with the reason. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String reason) {
            super(reason);
        }
    }

    public SubjectQuery {
        parameters = List.copyOf(parameters);
    }

    public static SubjectQuery parse(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new Invalid("must be a SELECT");
        }
        if (sql.length() > MAX_LENGTH) {
            throw new Invalid("must be at most " + MAX_LENGTH + " characters");
        }
        String text = sql.strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing(); // one trailing semicolon is harmless
        }
        StringBuilder out = new StringBuilder(text.length());
        List<SubjectIdentifiers.Name> parameters = new ArrayList<>();
        StringBuilder words = new StringBuilder(); // the text outside literals and comments, for the keyword check
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int end;
            if (c == '\'') {
                end = closing(text, i + 1, "'", "string literal");
            } else if (c == '"') {
                end = closing(text, i + 1, "\"", "quoted identifier");
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int nl = text.indexOf('\n', i);
                end = nl < 0 ? n : nl;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                end = closing(text, i + 2, "*/", "comment");
            } else if (c == '$' && dollarTag(text, i) != null) {
                String tag = dollarTag(text, i);
                end = closing(text, i + tag.length(), tag, "dollar-quoted text");
            } else if (c == ';') {
                throw new Invalid("must be a single statement");
            } else if (c == '?') {
                throw new Invalid("must name its parameters (:subject_id, :email), not use ?");
            } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                out.append("::");
                words.append("::");
                i += 2;
                continue;
            } else if (c == ':' && i + 1 < n && isNameStart(text.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isNamePart(text.charAt(j))) {
                    j++;
                }
                String name = text.substring(i + 1, j);
                parameters.add(SubjectIdentifiers.Name.byParameter(name)
                        .orElseThrow(() -> new Invalid("unknown parameter :" + name + "; use " + SubjectIdentifiers.Name.parameterList())));
                out.append('?');
                words.append(' ');
                i = j;
                continue;
            } else {
                out.append(c);
                words.append(c);
                i++;
                continue;
            }
            out.append(text, i, end);
            words.append(' ');
            i = end;
        }
        String first = words.toString().strip().split("[^A-Za-z_]", 2)[0].toLowerCase(Locale.ROOT);
        if (!first.equals("select")) {
            throw new Invalid("must be a SELECT");
        }
        if (parameters.isEmpty()) {
            throw new Invalid("must select by the subject: use " + SubjectIdentifiers.Name.parameterList());
        }
        return new SubjectQuery(out.toString(), parameters);
    }

    /** The index just after the closing delimiter; a doubled quote inside a quoted text is part of it. */
    private static int closing(String text, int from, String delimiter, String what) {
        int at = from;
        while (true) {
            int k = text.indexOf(delimiter, at);
            if (k < 0) {
                throw new Invalid("has an unclosed " + what);
            }
            int after = k + delimiter.length();
            if (delimiter.length() == 1 && after < text.length() && text.startsWith(delimiter, after)) {
                at = after + 1; // '' or "" escapes the quote
                continue;
            }
            return after;
        }
    }

    /** {@code $$} or {@code $tag$} starting at i, or null (a {@code $1}-style positional parameter is no tag). */
    private static String dollarTag(String text, int i) {
        int j = i + 1;
        while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(text.charAt(j))))) {
            j++;
        }
        return j < text.length() && text.charAt(j) == '$' ? text.substring(i, j + 1) : null;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
