package org.custodia.ropa.infrastructure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.custodia.ropa.domain.SheetRow;

/**
 * The register as RFC 4180 CSV in UTF-8 (a byte order mark is skipped). A cell a spreadsheet would run as a formula
 * ({@code = + - @}, tab, carriage return first) is written with a leading apostrophe, which reading removes again.
 */
@ApplicationScoped
public class RegisterCsv implements RegisterFiles {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    @Override
    public List<SheetRow> read(InputStream in) throws IOException, Unreadable {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        List<SheetRow> rows = new ArrayList<>();
        try (PushbackReader text = new PushbackReader(new BufferedReader(reader), 1)) {
            int first = text.read();
            if (first != -1 && first != '\uFEFF') {
                text.unread(first);
            }
            parse(new CellBudget(text), rows);
        } catch (OverBudget e) {
            throw e.unreadable();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw new Unreadable(0, "is not UTF-8 text");
            }
            if (!(e.getCause() instanceof org.apache.commons.csv.CSVException)) {
                throw e; // the body stream's own failure (e.g. over its size limit) is not the file's
            }
            throw new Unreadable(rows.isEmpty() ? 1 : rows.get(rows.size() - 1).line() + 1, "is not CSV: " + e.getCause().getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Unreadable(0, "is not UTF-8 text");
        }
        return rows;
    }

    private static void parse(Reader text, List<SheetRow> rows) throws IOException {
        try (CSVParser parser = FORMAT.parse(text)) {
            long line = 1;
            for (CSVRecord record : parser) {
                if (rows.size() > MAX_ROWS) {
                    throw OverBudget.tooManyRows((int) line);
                }
                List<String> cells = new ArrayList<>(record.size());
                record.forEach(cell -> cells.add(unprotect(cell)));
                rows.add(new SheetRow((int) line, cells));
                line = parser.getCurrentLineNumber() + 1;
            }
        }
    }

    /**
     * Counts, as the text streams past the parser, the cells of the record being read (commas outside quotes) and the
     * characters in all: a row wider than {@link #MAX_CELLS} or a file longer than {@link #MAX_CHARS} stops the parse
     * before the parser holds it.
     */
    static final class CellBudget extends java.io.FilterReader {

        private boolean quoted;
        private boolean quoteInQuoted;
        private boolean fieldStart = true;
        private int cells = 1;
        private int line = 1;
        private long chars;

        CellBudget(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                see((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                see(buffer[offset + i]);
            }
            return n;
        }

        /** RFC 4180 as the parser reads it: a quote opens a quoted field only at the field's start; "" inside it is a quote. */
        private void see(char c) {
            if (++chars > MAX_CHARS) {
                throw OverBudget.tooMuchText(line);
            }
            if (c == '\0') {
                throw OverBudget.nul(line);
            }
            if (c == '\n') {
                line++;
            }
            if (quoted) {
                if (!quoteInQuoted) {
                    quoteInQuoted = c == '"';
                    return;
                }
                quoteInQuoted = false;
                if (c == '"') {
                    return; // a doubled quote: still inside
                }
                quoted = false; // the closing quote; this character is outside
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                fieldStart = true;
                if (++cells > MAX_CELLS) {
                    throw OverBudget.tooWide(line, "has more than " + MAX_CELLS + " cells in a row");
                }
            } else if (c == '\n' || c == '\r') {
                cells = 1;
                fieldStart = true;
            } else {
                fieldStart = false;
            }
        }
    }

    @Override
    public void write(List<String> header, List<List<String>> rows, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(RegisterCsv::protect).toList());
            }
        }
    }

    static String protect(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    static String unprotect(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }
}
