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
            parse(text, rows);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw new Unreadable(0, "is not UTF-8 text");
            }
            throw new Unreadable(rows.isEmpty() ? 1 : rows.get(rows.size() - 1).line() + 1, "is not CSV: " + e.getCause().getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Unreadable(0, "is not UTF-8 text");
        }
        return rows;
    }

    private static void parse(Reader text, List<SheetRow> rows) throws IOException, Unreadable {
        try (CSVParser parser = FORMAT.parse(text)) {
            long line = 1;
            for (CSVRecord record : parser) {
                if (rows.size() > MAX_ROWS) {
                    throw new Unreadable((int) line, "the register has more than " + MAX_ROWS + " entries; import it in parts");
                }
                List<String> cells = new ArrayList<>(record.size());
                record.forEach(cell -> cells.add(unprotect(cell)));
                rows.add(new SheetRow((int) line, cells));
                line = parser.getCurrentLineNumber() + 1;
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
