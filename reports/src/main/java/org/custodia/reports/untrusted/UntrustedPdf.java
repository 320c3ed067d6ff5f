package org.custodia.reports.untrusted;

import java.io.IOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Reads a PDF from an untrusted party within fixed budgets: at most {@link #MAX_DECODED_BYTES} decoded
 * (inflated) in all, scratch data in memory up to 1 MiB and then in a temporary file of at most
 * {@link #MAX_SCRATCH_BYTES}, at most {@link #MAX_OBJECTS} objects (declared or present, counted in the raw
 * bytes before PDFBox parses anything) and {@link #MAX_PAGES} pages.
 * The reader given must only look at the document's structure (catalog, fields, signatures): content
 * streams are never decoded here, and the budgets are sized for that.
 */
public final class UntrustedPdf {

    public static final long MAX_DECODED_BYTES = 16L * 1024 * 1024;
    public static final long MAX_SCRATCH_BYTES = 64L * 1024 * 1024;
    public static final int MAX_OBJECTS = 200_000;
    public static final int MAX_PAGES = 20_000;

    /** The PDF is beyond a budget: a refusal, not a fault. */
    public static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** What is read from an open document. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(PDDocument document) throws IOException;
    }

    private UntrustedPdf() {
    }

    /**
     * Opens {@code pdf}, hands it to {@code reader} and closes it.
     *
     * @throws TooLarge   when the document is beyond a budget
     * @throws IOException when it is not a readable PDF (PDFBox's runtime failures on hostile input included)
     */
    public static <T> T read(byte[] pdf, Reader<T> reader) throws IOException {
        if (ObjectCountScan.declaredObjects(pdf, MAX_OBJECTS) > MAX_OBJECTS) {
            throw new TooLarge("it declares more than " + MAX_OBJECTS + " objects");
        }
        DecodeBudget budget = DecodeBudget.open(MAX_DECODED_BYTES);
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(pdf), "", null, null,
                MemoryUsageSetting.setupMixed(1024 * 1024, MAX_SCRATCH_BYTES).streamCache)) {
            if (document.getDocument().getXrefTable().size() > MAX_OBJECTS) {
                throw new TooLarge("it has more than " + MAX_OBJECTS + " objects");
            }
            if (document.getNumberOfPages() > MAX_PAGES) {
                throw new TooLarge("it has more than " + MAX_PAGES + " pages");
            }
            T result = reader.read(document);
            if (budget.exceeded()) {
                // PDFBox logs and skips some stream failures; a spent budget still refuses the document
                throw new TooLarge("decoding its streams would take more than " + MAX_DECODED_BYTES + " bytes");
            }
            return result;
        } catch (TooLarge e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (budget.exceeded()) {
                throw new TooLarge("decoding its streams would take more than " + MAX_DECODED_BYTES + " bytes");
            }
            throw e instanceof IOException io ? io : new IOException("not a readable PDF", e);
        } finally {
            budget.close();
        }
    }
}
