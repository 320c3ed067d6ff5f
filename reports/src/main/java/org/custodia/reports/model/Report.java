package org.custodia.reports.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A report as content, independent of its rendering: a title, the tenant and report id printed on every
 * page, the generation time, blocks in reading order, and the natural language of its text (a BCP 47 tag
 * such as "en" or "hi", for screen readers and text-to-speech).
 */
public record Report(String title, String tenantLabel, String reportId, Instant generatedAt, List<Block> blocks,
                     String language) {

    public static final String DEFAULT_LANGUAGE = "en";
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*");

    public Report {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(tenantLabel, "tenantLabel");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(generatedAt, "generatedAt");
        blocks = List.copyOf(blocks);
        if (language == null || !LANGUAGE_TAG.matcher(language).matches()) {
            throw new IllegalArgumentException("language must be a language tag such as \"en\" or \"hi-IN\"");
        }
    }

    /** A report in English. */
    public Report(String title, String tenantLabel, String reportId, Instant generatedAt, List<Block> blocks) {
        this(title, tenantLabel, reportId, generatedAt, blocks, DEFAULT_LANGUAGE);
    }

    /** The same report, its text in another language. */
    public Report withLanguage(String language) {
        return new Report(title, tenantLabel, reportId, generatedAt, blocks, language);
    }

    /** One piece of report content. */
    public sealed interface Block permits Heading, Paragraph, KeyValues, Table, HeatMap, DeadlineChart {
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

    /**
     * A table; long tables continue on the next page with the header row repeated, tables too wide for A4
     * portrait are set on landscape pages.
     */
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

    /**
     * A 5x5 risk heat map: counts[likelihood - 1][impact - 1]; each cell is coloured by the band its
     * score (likelihood x impact, 1-25) falls in.
     */
    public record HeatMap(String title, int[][] counts, List<Band> bands) implements Block {
        public HeatMap {
            if (counts.length != 5) {
                throw new IllegalArgumentException("a heat map has 5 likelihood rows");
            }
            for (int[] row : counts) {
                if (row.length != 5) {
                    throw new IllegalArgumentException("a heat map has 5 impact columns");
                }
            }
            bands = List.copyOf(bands);
            // only the scores a likelihood × impact makes need a band (11, 13, 14 ... never occur)
            for (int likelihood = 1; likelihood <= 5; likelihood++) {
                for (int impact = 1; impact <= 5; impact++) {
                    int s = likelihood * impact;
                    if (bands.stream().noneMatch(b -> b.covers(s))) {
                        throw new IllegalArgumentException("no band covers score " + s);
                    }
                }
            }
        }

        public Band bandOf(int score) {
            return bands.stream().filter(b -> b.covers(score)).findFirst().orElseThrow();
        }
    }

    /** A score band of a heat map, e.g. 15-25 "High" in red; colour as #rrggbb. */
    public record Band(int minScore, int maxScore, String label, String colour) {
        public Band {
            if (!colour.matches("#[0-9a-fA-F]{6}")) {
                throw new IllegalArgumentException("colour must be #rrggbb");
            }
        }

        boolean covers(int score) {
            return score >= minScore && score <= maxScore;
        }
    }

    /**
     * Deadlines at a glance: one bar per item, the days used against the days allowed, with the
     * deadline marked; bars past their deadline are drawn in the breach colour.
     */
    public record DeadlineChart(String title, List<DeadlineBar> bars) implements Block {
        public static final int MAX_BARS = 30;

        public DeadlineChart {
            bars = List.copyOf(bars);
            if (bars.size() > MAX_BARS) {
                throw new IllegalArgumentException("a deadline chart fits " + MAX_BARS + " bars on a page; split it");
            }
        }
    }

    public record DeadlineBar(String label, double daysUsed, double daysAllowed, double warningAtDays) {
    }
}
