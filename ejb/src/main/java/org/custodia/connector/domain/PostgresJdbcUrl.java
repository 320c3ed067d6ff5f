package org.custodia.connector.domain;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer database's address: {@code jdbc:postgresql://host[:port]/database[?sslmode=...]}. One host only,
 * and no other URL parameter: the driver's parameters can load classes (socketFactory, sslfactory, plugins),
 * read server files (sslrootcert, sslkey) or carry a password, none of which a tenant may set. Credentials come
 * separately, the password sealed.
 */
public record PostgresJdbcUrl(String host, int port, String database, String sslMode) {

    public static final String PREFIX = "jdbc:postgresql://";
    private static final Pattern URL = Pattern.compile(
            "jdbc:postgresql://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9][A-Za-z0-9.-]*)(?::(\\d{1,5}))?/([A-Za-z0-9_][A-Za-z0-9_.-]{0,62})(?:\\?sslmode=([a-z-]+))?");
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require");

    public static PostgresJdbcUrl parse(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must start with " + PREFIX);
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be " + PREFIX + "host[:port]/database[?sslmode=require], one host and no other parameter");
        }
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535");
        }
        String sslMode = m.group(4) == null ? "prefer" : m.group(4);
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException("sslmode must be one of " + SSL_MODES);
        }
        return new PostgresJdbcUrl(m.group(1), port, m.group(3), sslMode);
    }
}
