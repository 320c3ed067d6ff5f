package org.custodia.ropa.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.custodia.ropa.domain.SheetRow;
import org.junit.jupiter.api.Test;

/** The register's files: what is written reads back, and a hostile upload is refused before it costs memory. */
class RegisterFilesTest {

    static final List<String> HEADER = List.of("reference", "name", "security_measures");
    static final List<List<String>> ROWS = List.of(List.of("PA-1", "Payroll", "=SUM(A1) is text"), List.of("PA-2", "Newsletter\nweekly", "+1 | two"));

    @Test
    void csvAndXlsxReadBackWhatWasWrittenFormulaLookingCellsIncluded() throws Exception {
        for (RegisterFiles files : List.of(new RegisterCsv(), new RegisterXlsx())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            files.write(HEADER, ROWS, out);
            List<SheetRow> rows = files.read(new ByteArrayInputStream(out.toByteArray()));
            assertThat(rows).extracting(SheetRow::cells).containsExactly(HEADER, ROWS.get(0), ROWS.get(1));
            assertThat(rows).extracting(SheetRow::line).as(files.getClass().getSimpleName()).startsWith(1, 2);
            if (files instanceof RegisterCsv) {
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("'=SUM(A1) is text").contains("'+1 | two");
            }
        }
    }

    @Test
    void aCsvRowWiderThanTheRegisterIsRefusedWithItsLine() throws Exception {
        String csv = "reference,name\r\nPA-1,Payroll\r\n" + "x,".repeat(200) + "x\r\n";
        assertThatThrownBy(() -> new RegisterCsv().read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(RegisterFiles.Unreadable.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("more than 64 cells");
                });
        String stray = "reference,name\r\na\"" + ",x".repeat(500) + "\r\n"; // a quote mid-field opens nothing: the commas still count
        assertThatThrownBy(() -> new RegisterCsv().read(new ByteArrayInputStream(stray.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(RegisterFiles.Unreadable.class, e -> assertThat(e.line()).isEqualTo(2));
        String quoted = "reference,name\r\n\"a \"\"quoted\"\", with commas,,,\",b\r\n";
        assertThat(new RegisterCsv().read(new ByteArrayInputStream(quoted.getBytes(StandardCharsets.UTF_8))).get(1).cells())
                .containsExactly("a \"quoted\", with commas,,,", "b");
        String crOnly = "reference,name\r" + "x,".repeat(40) + "x\r" + "x,".repeat(40) + "x\r";
        assertThat(new RegisterCsv().read(new ByteArrayInputStream(crOnly.getBytes(StandardCharsets.UTF_8)))).as("a CR ends a row too").hasSize(3);
        assertThatThrownBy(() -> new RegisterCsv().read(new ByteArrayInputStream("reference\r\nPA\u00001\r\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(RegisterFiles.Unreadable.class, e -> assertThat(e.getMessage()).isEqualTo("holds a NUL character"));
        assertThatThrownBy(() -> new RegisterCsv().read(new ByteArrayInputStream(new byte[] {(byte) 0xC3, 0x28})))
                .isInstanceOf(RegisterFiles.Unreadable.class).hasMessage("is not UTF-8 text");
    }

    @Test
    void anXlsxCellFarBeyondTheColumnsIsRefusedBeforeTheRowIsPadded() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            var sheet = book.createSheet("Register");
            sheet.createRow(0).createCell(0).setCellValue("reference");
            sheet.createRow(1).createCell(16_000).setCellValue("far away");
            book.write(out);
        }
        assertThatThrownBy(() -> new RegisterXlsx().read(new ByteArrayInputStream(out.toByteArray())))
                .isInstanceOfSatisfying(RegisterFiles.Unreadable.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("column 16001");
                });
    }

    @Test
    void aZipBombOrAnythingElseIsUnreadableWithoutPoisWords() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            var sheet = book.createSheet("Register");
            String filler = "a".repeat(32_000);
            for (int r = 0; r < 300; r++) { // ~10 MB of sheet XML that deflates about 1000:1
                sheet.createRow(r).createCell(0).setCellValue(filler + r); // distinct: the shared strings part grows
            }
            book.write(out);
        }
        assertThatThrownBy(() -> new RegisterXlsx().read(new ByteArrayInputStream(out.toByteArray())))
                .isInstanceOf(RegisterFiles.Unreadable.class).hasMessageStartingWith("cannot be read as XLSX");
        assertThatThrownBy(() -> new RegisterXlsx().read(new ByteArrayInputStream("reference,name".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(RegisterFiles.Unreadable.class);
    }
}
