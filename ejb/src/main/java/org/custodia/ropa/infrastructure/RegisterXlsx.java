package org.custodia.ropa.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.custodia.ropa.domain.SheetRow;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The register as an XLSX workbook: the first sheet holds the register (header row first). Written streaming
 * (SXSSF, 100 rows in memory), read streaming through the XSSF event API from a temporary file, with POI's zip-bomb
 * limits, so a hostile upload costs bounded memory.
 */
@ApplicationScoped
public class RegisterXlsx implements RegisterFiles {

    /** Parts other than the sheets and their strings (styles, themes) are parsed whole: they may be this large. */
    static final long OTHER_PART_MAX = 2L * 1024 * 1024;

    /** XLSX holds at most this many characters in a cell. */
    public static final int CELL_MAX = 32_767;

    static {
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(32L * 1024 * 1024); // a part of a 10,000-entry register is a few MiB
    }

    @Override
    public List<SheetRow> read(InputStream in) throws IOException, Unreadable {
        Path file = Files.createTempFile("custodia-register", ".xlsx");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING); // the body stream's own failures (its size limit) pass
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                return rows(pkg);
            } catch (InvalidFormatException
                     | org.apache.poi.UnsupportedFileFormatException e) {
                throw new Unreadable(0, "is not an XLSX workbook");
            } catch (Unreadable e) {
                throw e;
            } catch (OpenXML4JException | SAXException | ParserConfigurationException | IOException | RuntimeException e) {
                // POI's own messages may quote the file: say only that it cannot be read (zip bombs end here too)
                throw new Unreadable(0, "cannot be read as XLSX (damaged, too large when unpacked, or not a workbook)");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<SheetRow> rows(OPCPackage pkg) throws IOException, OpenXML4JException, SAXException,
            ParserConfigurationException, Unreadable {
        for (var part : pkg.getParts()) {
            String name = part.getPartName().getName();
            boolean data = name.startsWith("/xl/worksheets/") || name.equals("/xl/sharedStrings.xml");
            if (!data && part.getSize() > OTHER_PART_MAX) { // styles, themes ... are read whole: a register needs little of them
                throw new Unreadable(0, "holds a part larger than a register needs (" + name.replaceAll("[^A-Za-z0-9/._-]", "") + ")");
            }
        }
        XSSFReader reader = new XSSFReader(pkg);
        ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
        StylesTable styles = reader.getStylesTable();
        var sheets = reader.getSheetsData();
        if (!sheets.hasNext()) {
            throw new Unreadable(0, "has no sheet");
        }
        Collector collector = new Collector();
        try (InputStream sheet = sheets.next()) {
            XMLReader xml = SAXHelper.newXMLReader();
            xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, collector, new DataFormatter(), false));
            xml.parse(new InputSource(sheet));
        } catch (OverBudget e) {
            throw e.unreadable();
        }
        return collector.rows;
    }

    /** Rows as the sheet has them; empty rows are left out, cells a row skips are empty. */
    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        final List<SheetRow> rows = new ArrayList<>();
        private List<String> cells;
        private int row;
        private long chars;

        @Override
        public void startRow(int rowNum) {
            if (rows.size() > MAX_ROWS) {
                throw OverBudget.tooManyRows(MAX_ROWS + 2);
            }
            cells = new ArrayList<>();
            row = rowNum + 1;
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                rows.add(new SheetRow(rowNum + 1, cells));
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column >= MAX_CELLS) {
                throw OverBudget.tooWide(row, "has a cell in column " + (column + 1));
            }
            if (value != null && value.indexOf('\0') >= 0) { // POI decodes _x0000_
                throw OverBudget.nul(row);
            }
            chars += value == null ? 0 : value.length();
            if (chars > MAX_CHARS) {
                throw OverBudget.tooMuchText(row);
            }
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value);
        }
    }

    @Override
    public void write(List<String> header, List<List<String>> rows, OutputStream out) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            Sheet sheet = book.createSheet("Register");
            CellStyle wrap = book.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row head = sheet.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                head.createCell(c).setCellValue(header.get(c));
                head.getCell(c).setCellStyle(bold);
                sheet.setColumnWidth(c, 28 * 256);
            }
            sheet.createFreezePane(2, 1);
            sheet.setAutoFilter(new CellRangeAddress(0, 0, 0, header.size() - 1));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    if (cells.get(c).length() > CELL_MAX) {
                        throw new IllegalArgumentException("row " + (r + 2) + ", column " + header.get(c) + ": more than " + CELL_MAX
                                + " characters, which XLSX cannot hold");
                    }
                    var cell = row.createCell(c);
                    cell.setCellValue(cells.get(c));
                    cell.setCellStyle(wrap);
                }
            }
            book.write(out);
        }
    }
}
