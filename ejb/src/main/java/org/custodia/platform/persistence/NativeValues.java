package org.custodia.platform.persistence;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

/** Converts values of native-query rows (what the driver hands EclipseLink) to Java types. */
public final class NativeValues {

    private NativeValues() {
    }

    public static Set<String> textSet(Object array) {
        try {
            return Set.of(array instanceof Array a ? (String[]) a.getArray() : (String[]) array);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For native-query parameters: the PostgreSQL driver cannot bind an Instant by itself. */
    public static Timestamp at(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Object timestamp) {
        if (timestamp == null) {
            return null;
        }
        if (timestamp instanceof Timestamp t) {
            return t.toInstant();
        }
        if (timestamp instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) timestamp;
    }
}
