package org.custodia.platform.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current instant at the precision PostgreSQL stores (microseconds), so a value reads back equal. */
public final class StoredTime {

    private StoredTime() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
