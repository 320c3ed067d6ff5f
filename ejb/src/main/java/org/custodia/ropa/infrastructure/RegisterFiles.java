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

    /** The rows, header first; at most {@link #MAX_ROWS} + 1. */
    List<SheetRow> read(InputStream in) throws IOException, Unreadable;

    void write(List<String> header, List<List<String>> rows, OutputStream out) throws IOException;
}
