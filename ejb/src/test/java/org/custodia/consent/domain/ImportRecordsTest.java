package org.custodia.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** CSV and NDJSON records, numbered by the line they start on, none held beyond 64 KiB. */
class ImportRecordsTest {

    static List<String> all(ImportRecords records) throws IOException {
        List<String> out = new ArrayList<>();
        for (ImportRecords.Record r = records.next(); r != null; r = records.next()) {
            out.add(r instanceof ImportRecords.Fields f
                    ? r.line() + ":" + f.field().apply("subject") + "|" + f.field().apply("action")
                    : r.line() + ":! " + ((ImportRecords.Unreadable) r).reason());
        }
        return out;
    }

    @Test
    void csvRecordsAreNamedByTheHeaderTrimmedAndNumberedByTheirFirstLine() throws IOException {
        String csv = "subject , purpose,action\r\n"
                + "s-1,news,grant\r\n"
                + "\n"
                + " \"s,2\" ,news,\"with\"\"draw\"\n"
                + "\"multi\nline\",news,grant\n"
                + "s-4,news\n"
                + "s-5,news,grant";
        assertThat(all(ImportRecords.csv(new StringReader(csv)))).containsExactly(
                "2:s-1|grant", "4:s,2|with\"draw", "5:multi\nline|grant", "7:s-4|null", "8:s-5|grant");
    }

    @Test
    void anUnclosedQuoteIsTheLastRecordAndUnreadable() throws IOException {
        String csv = "subject,purpose,action\ns-1,news,grant\n\"s-2,news,grant\ns-3,news,grant\n";
        assertThat(all(ImportRecords.csv(new StringReader(csv)))).containsExactly(
                "2:s-1|grant", "3:! has a quote that is never closed (it runs to the end of the file)");
    }

    @Test
    void textAfterAClosingQuoteIsUnreadableAndTheNextLineReadsOn() throws IOException {
        String csv = "subject,purpose,action\n\"s-1\"x,news,grant\ns-2,news,grant\n";
        assertThat(all(ImportRecords.csv(new StringReader(csv)))).containsExactly(
                "2:! has text after the closing quote of a value", "3:s-2|grant");
    }

    @Test
    void aCsvRecordOver64KiBIsSkippedWithoutBeingKept() throws IOException {
        String csv = "subject,purpose,action\ns-" + "x".repeat(70_000) + ",news,grant\n\"" + "y\n".repeat(40_000)
                + "\",news,grant\ns-3,news,grant\n";
        assertThat(all(ImportRecords.csv(new StringReader(csv)))).containsExactly(
                "2:! " + ImportRecords.TOO_LONG, "3:! " + ImportRecords.TOO_LONG, "40004:s-3|grant");
    }

    @Test
    void ndjsonLinesAreObjectsOrUnreadable() throws IOException {
        String ndjson = "{\"subject\":\"s-1\",\"action\":\"grant\"}\r\n"
                + "not json\n"
                + "[1]\n"
                + "{\"subject\":\"s-4\",\"action\":null}";
        assertThat(all(ImportRecords.ndjson(new StringReader(ndjson)))).containsExactly(
                "1:s-1|grant", "2:! is not a JSON object", "3:! is not a JSON object", "4:s-4|null");
    }

    @Test
    void anEndlessNdjsonLineIsReadThroughButNeverHeld() throws IOException {
        char[] head = "{\"subject\":\"s-1\"}\n".toCharArray();
        long length = 50L * 1024 * 1024;
        long[] served = {0};
        // a first line, then 50 MB of one line made as it is read: the reader must not keep it
        Reader input = new Reader() {
            @Override
            public int read(char[] buffer, int off, int len) {
                long total = head.length + length;
                if (served[0] >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - served[0]);
                for (int i = 0; i < n; i++) {
                    long at = served[0] + i;
                    buffer[off + i] = at < head.length ? head[(int) at] : 'a';
                }
                served[0] += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        assertThat(all(ImportRecords.ndjson(input))).containsExactly("1:s-1|null", "2:! " + ImportRecords.TOO_LONG);
        assertThat(served[0]).isEqualTo(head.length + length);
    }
}
