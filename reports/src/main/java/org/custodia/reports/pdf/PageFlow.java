package org.custodia.reports.pdf;

import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The pages content flows down: A4 portrait, or A4 landscape for tables too wide for portrait. Keeps the
 * current page, its content stream and the vertical position; a new page starts when one is full or when
 * the next block wants the other orientation.
 */
final class PageFlow implements AutoCloseable {

    enum Format {
        PORTRAIT(PDRectangle.A4),
        LANDSCAPE(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));

        final PDRectangle size;

        Format(PDRectangle size) {
            this.size = size;
        }

        /** The width between the margins. */
        float textWidth() {
            return size.getWidth() - 2 * MARGIN;
        }

        /** Where content starts, below the running header. */
        float top() {
            return size.getHeight() - 75;
        }
    }

    static final float MARGIN = 50;
    /** Where content ends, above the running footer. */
    static final float BOTTOM = 65;

    private final PDDocument document;
    private Format format = Format.PORTRAIT;
    private PDPage page;
    private PDPageContentStream content;
    private float y;

    PageFlow(PDDocument document) {
        this.document = document;
    }

    /** The orientation of what follows: the current page ends if it has the other one. */
    void use(Format wanted) throws IOException {
        if (wanted != format) {
            close();
            format = wanted;
        }
    }

    Format format() {
        return format;
    }

    float width() {
        return format.textWidth();
    }

    float y() {
        return y;
    }

    void down(float points) {
        y -= points;
    }

    /** The height left on the current page (none before the first). */
    float room() {
        return content == null ? 0 : y - BOTTOM;
    }

    boolean fits(float height) {
        return content != null && y - height >= BOTTOM;
    }

    /** Starts a new page unless the height fits on this one. */
    void ensure(float height) throws IOException {
        if (!fits(height)) {
            newPage();
        }
    }

    void newPage() throws IOException {
        close();
        page = new PDPage(format.size);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = format.top();
    }

    PDPage page() {
        return page;
    }

    PDPageContentStream content() {
        return content;
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }
}
