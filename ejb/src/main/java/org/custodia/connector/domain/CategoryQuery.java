package org.custodia.connector.domain;

import java.util.regex.Pattern;

/** The SQL that finds one data category of the subject's data in a JDBC connector's database. */
public record CategoryQuery(String category, String sql) {

    public static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    /** The checked, rewritten query (throws {@link SubjectQuery.Invalid}). */
    public SubjectQuery subjectQuery() {
        return SubjectQuery.parse(sql);
    }
}
