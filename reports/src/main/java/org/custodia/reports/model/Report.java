package org.custodia.reports.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A report as content, independent of its rendering: a title, the tenant and report id printed on every
 * page, the generation time, and blocks in reading order.
 */
public record Report(String title, String tenantLabel, String reportId, Instant generatedAt, List<Block> blocks) {

    public Report {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(tenantLabel, "tenantLabel");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(generatedAt, "generatedAt");
        blocks = List.copyOf(blocks);
    }

    /** One piece of report content. */
    public sealed interface Block permits Heading, Paragraph, KeyValues, Table {
    }

    public record Heading(String text) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    /** Label/value pairs, e.g. the facts of a checkpoint. */
    public record KeyValues(List<Entry> entries) implements Block {
        public KeyValues {
            entries = List.copyOf(entries);
        }
    }

    public record Entry(String label, String value) {
    }

    /** A table; long tables continue on the next page with the header row repeated. */
    public record Table(List<String> header, List<List<String>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("a row has " + row.size() + " cells, the header " + header.size());
                }
            }
        }
    }
}
