package org.custodia.ropa.domain;

import static org.custodia.ropa.domain.SheetCells.item;
import static org.custodia.ropa.domain.SheetCells.items;
import static org.custodia.ropa.domain.SheetCells.lines;
import static org.custodia.ropa.domain.SheetCells.part;
import static org.custodia.ropa.domain.SheetCells.parts;
import static org.custodia.ropa.domain.SheetCells.quote;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.custodia.ropa.domain.ActivityContent.DataFlow;
import org.custodia.ropa.domain.ProcessingRecord.DataCategory;
import org.custodia.ropa.domain.ProcessingRecord.LawfulBasis;
import org.custodia.ropa.domain.ProcessingRecord.Party;
import org.custodia.ropa.domain.ProcessingRecord.Purpose;
import org.custodia.ropa.domain.ProcessingRecord.Transfer;
import org.custodia.ropa.domain.ProcessingRecord.TransferMechanism;

/**
 * The register as rows of a sheet, one row per entry in {@link RegisterColumn} order, and back: what an export writes
 * re-imports to the same entries. Reading names every problem with its line (the sheet's row number, the header being
 * line 1) and column.
 */
public final class RegisterSheet {

    /** An entry as exported. */
    public record ExportRow(String reference, String ownerEmail, LocalDate reviewDue, ActivityStatus status, int version,
                            Integer approvedVersion, int missing, ActivityContent content) {
    }

    /**
     * An entry as read from a row; {@code exportedVersion}: the version an export wrote in its {@code version} column (null
     * for a row written by hand), so a stale file does not silently undo newer changes.
     */
    public record ImportRow(int line, String reference, String ownerEmail, LocalDate reviewDue, ActivityContent content,
                            Integer exportedVersion) {
    }

    /** A problem of the sheet: its line, the column, and why. */
    public record Problem(int line, String field, String reason) {
    }

    private RegisterSheet() {
    }

    public static List<String> header() {
        List<String> header = new ArrayList<>();
        for (RegisterColumn c : RegisterColumn.values()) {
            header.add(c.header());
        }
        return header;
    }

    public static List<String> cells(ExportRow row) {
        ActivityContent content = row.content();
        ProcessingRecord r = content.record();
        Map<RegisterColumn, String> cells = new EnumMap<>(RegisterColumn.class);
        cells.put(RegisterColumn.REFERENCE, row.reference());
        cells.put(RegisterColumn.NAME, r.name());
        cells.put(RegisterColumn.ROLE, r.role().name());
        cells.put(RegisterColumn.DESCRIPTION, content.description());
        cells.put(RegisterColumn.OWNER, row.ownerEmail());
        cells.put(RegisterColumn.REVIEW_DUE, row.reviewDue() == null ? null : row.reviewDue().toString());
        cells.put(RegisterColumn.CONTROLLER, party(r.controller()));
        cells.put(RegisterColumn.JOINT_CONTROLLERS, lines(r.jointControllers().stream().map(RegisterSheet::party).toList()));
        cells.put(RegisterColumn.REPRESENTATIVE, party(r.representative()));
        cells.put(RegisterColumn.REPRESENTATIVE_REQUIRED, yesNo(r.representativeRequired()));
        cells.put(RegisterColumn.DPO, party(r.dpo()));
        cells.put(RegisterColumn.DPO_DESIGNATED, yesNo(r.dpoDesignated()));
        cells.put(RegisterColumn.PURPOSES, lines(r.purposes().stream()
                .map(p -> item(p.description(), p.lawfulBasis() == null ? null : p.lawfulBasis().name())).toList()));
        cells.put(RegisterColumn.DATA_SUBJECT_CATEGORIES, lines(r.dataSubjectCategories().stream().map(SheetCells::item).toList()));
        cells.put(RegisterColumn.DATA_CATEGORIES, lines(r.dataCategories().stream()
                .map(c -> item(c.name(), yesNo(c.special()), c.retention(), c.retentionPolicy())).toList()));
        cells.put(RegisterColumn.RECIPIENTS, lines(r.recipients().stream().map(SheetCells::item).toList()));
        cells.put(RegisterColumn.NO_RECIPIENTS, yesNo(r.noRecipients()));
        cells.put(RegisterColumn.TRANSFERS, lines(r.transfers().stream().map(t -> item(t.country(), t.recipient(),
                t.mechanism() == null ? null : t.mechanism().name(), t.sccModule() == null ? null : t.sccModule().toString(),
                t.assessmentReference(), t.safeguards())).toList()));
        cells.put(RegisterColumn.SECURITY_MEASURES, r.securityMeasures());
        cells.put(RegisterColumn.PROCESSOR, party(r.processor()));
        cells.put(RegisterColumn.CONTROLLERS_SERVED, lines(r.controllersServed().stream().map(RegisterSheet::party).toList()));
        cells.put(RegisterColumn.PROCESSING_CATEGORIES, lines(r.processingCategories().stream().map(SheetCells::item).toList()));
        cells.put(RegisterColumn.SYSTEMS, lines(content.systems().stream().map(SheetCells::item).toList()));
        cells.put(RegisterColumn.FLOWS, lines(content.flows().stream().map(RegisterSheet::flow).toList()));
        cells.put(RegisterColumn.STATUS, row.status().name());
        cells.put(RegisterColumn.VERSION, Integer.toString(row.version()));
        cells.put(RegisterColumn.APPROVED_VERSION, row.approvedVersion() == null ? null : row.approvedVersion().toString());
        cells.put(RegisterColumn.MISSING, Integer.toString(row.missing()));
        List<String> out = new ArrayList<>();
        for (RegisterColumn c : RegisterColumn.values()) {
            String v = cells.get(c);
            out.add(v == null ? "" : v);
        }
        return out;
    }

    /**
     * Which column each header cell is; unknown headers and missing ones (other than the export-only columns) are
     * problems of line 1.
     */
    public static Map<RegisterColumn, Integer> columns(List<String> header, List<Problem> problems) {
        Map<RegisterColumn, Integer> at = new EnumMap<>(RegisterColumn.class);
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i) == null ? "" : header.get(i).strip().toLowerCase(Locale.ROOT);
            if (h.isEmpty()) {
                continue;
            }
            RegisterColumn found = null;
            for (RegisterColumn c : RegisterColumn.values()) {
                if (c.header().equals(h)) {
                    found = c;
                }
            }
            if (found == null) {
                problems.add(new Problem(1, h.length() > 80 ? h.substring(0, 80) : h, "is not a column of the register (the columns: " + String.join(", ", header()) + ")"));
            } else if (at.put(found, i) != null) {
                problems.add(new Problem(1, h, "appears twice"));
            }
        }
        for (RegisterColumn c : RegisterColumn.values()) {
            if (!c.exportOnly() && !at.containsKey(c)) {
                problems.add(new Problem(1, c.header(), "is missing from the header row"));
            }
        }
        return at;
    }

    /** One row's entry; its problems are added with its line, and then the entry is null. */
    public static ImportRow read(int line, Map<RegisterColumn, Integer> columns, List<String> row, List<Problem> problems) {
        Reader in = new Reader(line, columns, row, problems);
        int before = problems.size();
        ProcessingRecord.Role role = in.enumOf(RegisterColumn.ROLE, ProcessingRecord.Role::valueOf, true);
        ProcessingRecord record = new ProcessingRecord(role, in.text(RegisterColumn.NAME), in.party(RegisterColumn.CONTROLLER),
                in.parties(RegisterColumn.JOINT_CONTROLLERS), in.party(RegisterColumn.REPRESENTATIVE),
                in.yes(RegisterColumn.REPRESENTATIVE_REQUIRED), in.party(RegisterColumn.DPO), in.yes(RegisterColumn.DPO_DESIGNATED),
                in.purposes(), in.list(RegisterColumn.DATA_SUBJECT_CATEGORIES), in.dataCategories(), in.list(RegisterColumn.RECIPIENTS),
                in.yes(RegisterColumn.NO_RECIPIENTS), in.transfers(), in.text(RegisterColumn.SECURITY_MEASURES),
                in.party(RegisterColumn.PROCESSOR), in.parties(RegisterColumn.CONTROLLERS_SERVED),
                in.list(RegisterColumn.PROCESSING_CATEGORIES));
        ActivityContent content = new ActivityContent(in.text(RegisterColumn.DESCRIPTION), record, in.list(RegisterColumn.SYSTEMS),
                in.flows());
        LocalDate reviewDue = in.date(RegisterColumn.REVIEW_DUE);
        String reference = in.text(RegisterColumn.REFERENCE);
        if (reference == null) {
            problems.add(new Problem(line, RegisterColumn.REFERENCE.header(), "is required"));
        }
        Integer exported = null;
        String version = in.text(RegisterColumn.VERSION);
        if (version != null) {
            try {
                exported = Integer.valueOf(version);
            } catch (NumberFormatException e) {
                problems.add(new Problem(line, RegisterColumn.VERSION.header(), "must be the version an export wrote, or empty"));
            }
        }
        return problems.size() > before ? null : new ImportRow(line, reference, in.text(RegisterColumn.OWNER), reviewDue, content, exported);
    }

    private static String party(Party p) {
        return p == null ? null : item(p.name(), p.contact());
    }

    private static String flow(DataFlow f) {
        List<String> parts = new ArrayList<>(List.of(nullToEmpty(f.from()), nullToEmpty(f.to()), nullToEmpty(f.description())));
        parts.addAll(f.dataCategories());
        return item(parts.toArray(String[]::new));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /** Reads one row's cells, adding a problem for each malformed one. */
    private static final class Reader {
        private final int line;
        private final Map<RegisterColumn, Integer> columns;
        private final List<String> row;
        private final List<Problem> problems;

        Reader(int line, Map<RegisterColumn, Integer> columns, List<String> row, List<Problem> problems) {
            this.line = line;
            this.columns = columns;
            this.row = row;
            this.problems = problems;
        }

        String raw(RegisterColumn c) {
            Integer i = columns.get(c);
            return i == null || i >= row.size() ? null : row.get(i);
        }

        String text(RegisterColumn c) {
            String v = raw(c);
            return v == null || v.isBlank() ? null : v.strip();
        }

        void problem(RegisterColumn c, String reason) {
            problems.add(new Problem(line, c.header(), reason));
        }

        boolean yes(RegisterColumn c) {
            String v = text(c);
            if (v == null) {
                return false;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "yes", "y", "true", "1", "x" -> true;
                case "no", "n", "false", "0" -> false;
                default -> {
                    problem(c, "must be yes or no, not " + quote(v));
                    yield false;
                }
            };
        }

        <E extends Enum<E>> E enumOf(RegisterColumn c, Function<String, E> parse, boolean required) {
            return enumValue(c, text(c), parse, required, "");
        }

        <E extends Enum<E>> E enumValue(RegisterColumn c, String v, Function<String, E> parse, boolean required, String where) {
            if (v == null) {
                if (required) {
                    problem(c, where + "is required: " + c.format());
                }
                return null;
            }
            try {
                return parse.apply(v.toUpperCase(Locale.ROOT).replace(' ', '_'));
            } catch (IllegalArgumentException e) {
                problem(c, where + quote(v) + " is not one of: " + c.format());
                return null;
            }
        }

        LocalDate date(RegisterColumn c) {
            String v = text(c);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                problem(c, "must be a date such as 2027-06-30, not " + quote(v));
                return null;
            }
        }

        /** Items of one part each. */
        List<String> list(RegisterColumn c) {
            List<String> out = new ArrayList<>();
            List<String> items = items(raw(c));
            for (int i = 0; i < items.size(); i++) {
                List<String> parts = parts(items.get(i));
                if (parts.size() > 1) {
                    problem(c, "item " + (i + 1) + " has " + parts.size() + " parts; put one item per line (a literal bar is \\|)");
                } else if (parts.get(0) != null) {
                    out.add(parts.get(0));
                }
            }
            return out;
        }

        List<List<String>> structured(RegisterColumn c, int maxParts) {
            List<List<String>> out = new ArrayList<>();
            List<String> items = items(raw(c));
            for (int i = 0; i < items.size(); i++) {
                List<String> parts = parts(items.get(i));
                if (maxParts > 0 && parts.size() > maxParts) {
                    problem(c, "item " + (i + 1) + " has " + parts.size() + " parts, at most " + maxParts + ": " + c.format());
                } else {
                    out.add(parts);
                }
            }
            return out;
        }

        Party party(RegisterColumn c) {
            List<List<String>> items = structured(c, 2);
            if (items.size() > 1) {
                problem(c, "holds one party: " + c.format());
                return null;
            }
            return items.isEmpty() ? null : new Party(part(items.get(0), 0), part(items.get(0), 1));
        }

        List<Party> parties(RegisterColumn c) {
            return structured(c, 2).stream().map(p -> new Party(part(p, 0), part(p, 1))).toList();
        }

        List<Purpose> purposes() {
            List<Purpose> out = new ArrayList<>();
            List<List<String>> items = structured(RegisterColumn.PURPOSES, 2);
            for (int i = 0; i < items.size(); i++) {
                out.add(new Purpose(part(items.get(i), 0), enumValue(RegisterColumn.PURPOSES, part(items.get(i), 1),
                        LawfulBasis::valueOf, false, "item " + (i + 1) + ": ")));
            }
            return out;
        }

        List<DataCategory> dataCategories() {
            List<DataCategory> out = new ArrayList<>();
            for (List<String> p : structured(RegisterColumn.DATA_CATEGORIES, 4)) {
                String special = part(p, 1);
                boolean isSpecial = special != null && List.of("yes", "y", "true", "special").contains(special.toLowerCase(Locale.ROOT));
                if (special != null && !isSpecial && !List.of("no", "n", "false").contains(special.toLowerCase(Locale.ROOT))) {
                    problem(RegisterColumn.DATA_CATEGORIES, quote(part(p, 0)) + ": special must be yes or no, not " + quote(special));
                }
                out.add(new DataCategory(part(p, 0), isSpecial, part(p, 2), part(p, 3)));
            }
            return out;
        }

        List<Transfer> transfers() {
            List<Transfer> out = new ArrayList<>();
            List<List<String>> items = structured(RegisterColumn.TRANSFERS, 6);
            for (int i = 0; i < items.size(); i++) {
                List<String> p = items.get(i);
                String where = "item " + (i + 1) + ": ";
                Integer module = null;
                if (part(p, 3) != null) {
                    try {
                        module = Integer.valueOf(part(p, 3));
                    } catch (NumberFormatException e) {
                        problem(RegisterColumn.TRANSFERS, where + "the SCC module must be 1 to 4, not " + quote(part(p, 3)));
                    }
                }
                out.add(new Transfer(part(p, 0), part(p, 1), enumValue(RegisterColumn.TRANSFERS, part(p, 2), TransferMechanism::valueOf,
                        false, where), module, part(p, 4), part(p, 5)));
            }
            return out;
        }

        List<DataFlow> flows() {
            List<DataFlow> out = new ArrayList<>();
            for (List<String> p : structured(RegisterColumn.FLOWS, 0)) {
                List<String> categories = p.size() > 3 ? p.subList(3, p.size()).stream().filter(s -> s != null).toList() : List.of();
                out.add(new DataFlow(part(p, 0), part(p, 1), categories, part(p, 2)));
            }
            return out;
        }
    }
}
