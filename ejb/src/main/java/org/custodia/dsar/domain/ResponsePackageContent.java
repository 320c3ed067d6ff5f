package org.custodia.dsar.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.custodia.reports.model.Report;

/**
 * What the answer to a request says, before it is sealed: the machine-readable {@code response.json} (portability:
 * the request, then per system searched → category → rows, and which systems were skipped with the reviewer's
 * reason) and the blocks of the human-readable PDF/A summary (what was asked, what was searched, the categories and
 * their row counts, the data in bounded tables, the subject's rights).
 *
 * <p>Only {@link #carriesData(DsarType) access and portability} answers copy the rows: they are the requests for a
 * copy of the data (GDPR Art. 15(3) and 20). The other types that reach a delivery (rectification, restriction,
 * objection, the US opt-outs, appeals, nominations) are answered by the action taken; their package says what was
 * searched and how many rows each category held, not the rows themselves.
 *
 * <p>Bounds: the JSON may hold at most {@link #MAX_JSON_BYTES} (discovery already caps each connector at 10,000 rows
 * per category and 4 MiB); the PDF shows at most {@link #MAX_PDF_ROWS} rows and {@link #MAX_PDF_COLUMNS} columns per
 * table and {@link #MAX_CELL} characters per cell, and says where the rest is.
 */
public final class ResponsePackageContent {

    public static final String FORMAT = "custodia-dsar-response/1";
    public static final int MAX_JSON_BYTES = 32 * 1024 * 1024;
    public static final int MAX_PDF_ROWS = 100;
    public static final int MAX_PDF_COLUMNS = 6;
    public static final int MAX_CELL = 200;

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** The request as the answer names it. */
    public record RequestFacts(UUID reference, DsarType type, Jurisdiction jurisdiction, Instant receivedAt, Instant dueAt) {
    }

    /**
     * One system searched: its name, its step's outcome, the reviewer's reason when it was skipped, and what it found
     * (category → rows; empty unless DONE).
     */
    public record Source(UUID connectorId, String name, DiscoveryStep.Status status, String skipReason,
                         Map<String, List<Map<String, Object>>> found) {
        public Source {
            found = found == null ? Map.of() : found;
        }

        int rows() {
            return found.values().stream().mapToInt(List::size).sum();
        }
    }

    /** The package is bigger than the most a response may hold: the step fails with this cause (an incident). */
    public static final class TooLarge extends IllegalStateException {
        public TooLarge(String what, long size, long max) {
            super("the response package's " + what + " is " + size + " bytes, more than the " + max + " a package may hold;"
                    + " narrow the connectors' queries or skip a source");
        }
    }

    private final String organisation;
    private final RequestFacts request;
    private final List<Source> sources;
    private final Instant compiledAt;

    public ResponsePackageContent(String organisation, RequestFacts request, List<Source> sources, Instant compiledAt) {
        this.organisation = organisation;
        this.request = request;
        this.sources = List.copyOf(sources);
        this.compiledAt = compiledAt;
    }

    /** Whether answers of this type copy the data found (a copy of the data: access, portability). */
    public static boolean carriesData(DsarType type) {
        return type == DsarType.ACCESS || type == DsarType.PORTABILITY;
    }

    public boolean carriesData() {
        return carriesData(request.type());
    }

    public int rowCount() {
        return sources.stream().mapToInt(Source::rows).sum();
    }

    public int connectorCount() {
        return sources.size();
    }

    /** {@code response.json}: UTF-8, ordered as documented; refused beyond {@link #MAX_JSON_BYTES}. */
    public byte[] json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("organisation", organisation);
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("reference", request.reference().toString());
        req.put("type", request.type().name());
        req.put("jurisdiction", request.jurisdiction().name());
        req.put("receivedAt", request.receivedAt().toString());
        req.put("dueAt", request.dueAt().toString());
        root.put("request", req);
        root.put("compiledAt", compiledAt.toString());
        root.put("carriesData", carriesData());
        List<Map<String, Object>> searched = new ArrayList<>();
        List<Map<String, Object>> skipped = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        for (Source s : sources) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("connector", s.name());
            entry.put("status", s.status().name());
            Map<String, Integer> counts = new LinkedHashMap<>();
            s.found().forEach((category, rows) -> counts.put(category, rows.size()));
            entry.put("rowsPerCategory", counts);
            searched.add(entry);
            if (s.status() == DiscoveryStep.Status.SKIPPED) {
                Map<String, Object> skip = new LinkedHashMap<>();
                skip.put("connector", s.name());
                skip.put("reason", s.skipReason() == null ? "" : s.skipReason());
                skipped.add(skip);
            }
            if (carriesData() && s.status() == DiscoveryStep.Status.DONE) {
                data.put(s.name(), s.found());
            }
        }
        root.put("searched", searched);
        root.put("skipped", skipped);
        if (carriesData()) {
            root.put("data", data);
        }
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the response package did not serialise", e);
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw new TooLarge("response.json", bytes.length, MAX_JSON_BYTES);
        }
        return bytes;
    }

    /** The PDF summary's report (rendered to PDF/A and signed by the caller). */
    public Report summary() {
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(new Report.Heading("What was asked"));
        blocks.add(new Report.KeyValues(List.of(
                new Report.Entry("Reference", request.reference().toString()),
                new Report.Entry("Request", request.type().name()),
                new Report.Entry("Law", request.jurisdiction().name()),
                new Report.Entry("Received", request.receivedAt().toString()),
                new Report.Entry("Due", request.dueAt().toString()),
                new Report.Entry("Answered by", organisation))));
        blocks.add(new Report.Heading("What was searched"));
        if (sources.isEmpty()) {
            blocks.add(new Report.Paragraph("No system was connected for searching; nothing was found."));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Source s : sources) {
                rows.add(List.of(cell(s.name()), outcome(s), String.valueOf(s.found().size()), String.valueOf(s.rows())));
            }
            blocks.add(new Report.Table(List.of("System", "Outcome", "Categories", "Rows"), rows));
        }
        List<List<String>> categories = new ArrayList<>();
        for (Source s : sources) {
            s.found().forEach((category, rows) -> categories.add(List.of(cell(s.name()), cell(category), String.valueOf(rows.size()))));
        }
        blocks.add(new Report.Heading("Categories and row counts"));
        blocks.add(categories.isEmpty() ? new Report.Paragraph("No data about you was found.")
                : new Report.Table(List.of("System", "Category", "Rows"), categories));
        if (carriesData()) {
            blocks.add(new Report.Heading("Your data"));
            blocks.add(new Report.Paragraph("All of it is in response.json beside this summary, in a machine-readable form you may"
                    + " take to another organisation. The tables below show at most " + MAX_PDF_ROWS + " rows and "
                    + MAX_PDF_COLUMNS + " columns each."));
            for (Source s : sources) {
                s.found().forEach((category, rows) -> {
                    if (!rows.isEmpty()) {
                        blocks.add(new Report.Paragraph(cell(s.name()) + " — " + cell(category)));
                        blocks.addAll(table(rows));
                    }
                });
            }
        } else {
            blocks.add(new Report.Paragraph("This kind of request is answered by the action taken; the data found is counted"
                    + " above, not copied. You may ask for a copy with an access request."));
        }
        blocks.add(new Report.Heading("Your rights"));
        blocks.add(new Report.Paragraph(RightsText.of(request.jurisdiction())));
        return new Report("Answer to your data subject request", organisation, request.reference().toString(), compiledAt, blocks);
    }

    private static String outcome(Source s) {
        return switch (s.status()) {
            case DONE -> "searched";
            case SKIPPED -> "skipped: " + cell(s.skipReason() == null ? "" : s.skipReason());
            case FAILED, PENDING, AWAITING -> "not searched";
        };
    }

    /** One category as bounded tables: the first columns by first appearance, the first rows, with a note on what is left out. */
    static List<Report.Block> table(List<Map<String, Object>> rows) {
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(rows.size(), MAX_PDF_ROWS))) {
            keys.addAll(row.keySet());
        }
        List<String> columns = keys.stream().limit(MAX_PDF_COLUMNS).map(ResponsePackageContent::cell).toList();
        List<String> names = keys.stream().limit(MAX_PDF_COLUMNS).toList();
        List<Report.Block> blocks = new ArrayList<>();
        if (columns.isEmpty()) {
            blocks.add(new Report.Paragraph(rows.size() + " rows without fields."));
            return blocks;
        }
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(rows.size(), MAX_PDF_ROWS))) {
            cells.add(names.stream().map(k -> cell(text(row.get(k)))).toList());
        }
        blocks.add(new Report.Table(columns, cells));
        if (rows.size() > MAX_PDF_ROWS || keys.size() > MAX_PDF_COLUMNS) {
            blocks.add(new Report.Paragraph("Shown: " + cells.size() + " of " + rows.size() + " rows, " + columns.size() + " of "
                    + keys.size() + " columns. Everything is in response.json."));
        }
        return blocks;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map || value instanceof List) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }

    /** Printable, bounded text for a PDF cell (control characters become spaces). */
    static String cell(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_CELL + 1));
        text.codePoints().limit(MAX_CELL).forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return text.codePointCount(0, text.length()) > MAX_CELL ? b + "…" : b.toString();
    }
}
