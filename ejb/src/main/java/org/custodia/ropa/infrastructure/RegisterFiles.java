package org.custodia.ropa.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import org.custodia.ropa.domain.SheetRow;

/** The register as a file: one format's reading (bounded, untrusted input) and writing. */
public interface RegisterFiles {

    /** At most this many entries in one upload. */
    int MAX_ROWS = 10_000;

    /** At most this many cells in a row (the register has 28 columns): a wider row is refused before it is held. */
    int MAX_CELLS = 64;

    /** At most this many characters in all the cells of one upload, so a hostile file costs bounded memory. */
    long MAX_CHARS = 40L * 1024 * 1024;

    /** Thrown when the file cannot be read as its format, with the line where that shows (0: the file as a whole). */
    final class Unreadable extends Exception {
        private final int line;

        public Unreadable(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * A bound an upload broke, found while a parser streams it: unchecked, so it passes through the parser, and turned
     * into {@link Unreadable} by the format's {@code read}. Every format says it in the same words.
     */
    final class OverBudget extends RuntimeException {
        private final int line;

        private OverBudget(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        /** PostgreSQL text (and jsonb) cannot hold a NUL. */
        public static OverBudget nul(int line) {
            return new OverBudget(line, "holds a NUL character");
        }

        public static OverBudget tooMuchText(int line) {
            return new OverBudget(line, "holds more than " + MAX_CHARS + " characters; import the register in parts");
        }

        public static OverBudget tooManyRows(int line) {
            return new OverBudget(line, "the register has more than " + MAX_ROWS + " entries; import it in parts");
        }

        /** {@code what}: how the row is too wide, as the format sees it. */
        public static OverBudget tooWide(int line, String what) {
            return new OverBudget(line, what + "; the register has " + org.custodia.ropa.domain.RegisterColumn.values().length + " columns");
        }

        public Unreadable unreadable() {
            return new Unreadable(line, getMessage());
        }
    }

    /** The rows, header first; at most {@link #MAX_ROWS} + 1. */
    List<SheetRow> read(InputStream in) throws IOException, Unreadable;

    void write(List<String> header, List<List<String>> rows, OutputStream out) throws IOException;
}
