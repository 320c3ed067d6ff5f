package org.custodia.connector.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one connector found for a subject: rows (column → JSON-able value) per data category, bounded as it is
 * collected: at most {@code maxRows} rows per category and {@code maxBytes} of values in all, so a query that
 * matches far too much fails with a clear cause instead of filling the server's memory. A value's size is its
 * text length (UTF-16 chars, a bound of its bytes in the JSON within a small factor).
 */
public final class FoundData {

    /** A search found more than the bounds allow. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(String message) {
            super(message);
        }
    }

    private final int maxRows;
    private final long maxBytes;
    private final Map<String, List<Map<String, Object>>> byCategory = new LinkedHashMap<>();
    private long bytes;

    public FoundData(int maxRows, long maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /** Opens a category (so a category that found nothing is recorded as found empty). */
    public void category(String category) {
        byCategory.computeIfAbsent(category, c -> new ArrayList<>());
    }

    public void add(String category, Map<String, Object> row) {
        List<Map<String, Object>> rows = byCategory.computeIfAbsent(category, c -> new ArrayList<>());
        if (rows.size() >= maxRows) {
            throw new TooLarge("category " + category + " found more than " + maxRows + " rows");
        }
        long size = 2;
        for (Map.Entry<String, Object> e : row.entrySet()) {
            size += e.getKey().length() + 4 + (e.getValue() == null ? 4 : String.valueOf(e.getValue()).length());
        }
        count(size);
        rows.add(row);
    }

    /** Counts bytes read before they become rows (a value is checked before it is kept). */
    public void count(long size) {
        bytes += size;
        if (bytes > maxBytes) {
            throw new TooLarge("the data found is larger than " + maxBytes + " bytes");
        }
    }

    public long bytes() {
        return bytes;
    }

    public int maxRows() {
        return maxRows;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Map<String, List<Map<String, Object>>> byCategory() {
        return byCategory;
    }
}
