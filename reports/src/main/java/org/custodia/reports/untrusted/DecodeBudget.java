package org.custodia.reports.untrusted;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.Map;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.DecodeResult;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * A bound on the bytes PDFBox may decode (inflate, run-length, LZW, ...) on this thread while an
 * untrusted PDF is read. PDFBox 3.0 decodes xref and object streams into heap buffers with no limit of
 * its own (its stream cache only holds streams it writes), so a small Flate bomb would exhaust the
 * heap: every filter of PDFBox's {@link FilterFactory} is wrapped once by one that counts what it writes
 * against the current thread's budget, and does nothing more when no budget is open.
 */
final class DecodeBudget {

    /** Thrown once the budget is spent; later decoding on the thread fails the same way. */
    static final class Exceeded extends IOException {
        Exceeded(long limit) {
            super("decoding its streams would take more than " + limit + " bytes");
        }
    }

    private static final ThreadLocal<DecodeBudget> CURRENT = new ThreadLocal<>();

    static {
        install();
    }

    private final long limit;
    private long used;
    private boolean exceeded;

    private DecodeBudget(long limit) {
        this.limit = limit;
    }

    /** Opens a budget on this thread (the first call wraps the filters); close it with {@link #close()}. */
    static DecodeBudget open(long limit) {
        DecodeBudget budget = new DecodeBudget(limit);
        CURRENT.set(budget);
        return budget;
    }

    void close() {
        CURRENT.remove();
    }

    boolean exceeded() {
        return exceeded;
    }

    private void spend(long n) throws Exceeded {
        if (exceeded || (used += n) > limit) {
            exceeded = true;
            throw new Exceeded(limit);
        }
    }

    @SuppressWarnings("unchecked")
    private static synchronized void install() {
        try {
            Field field = FilterFactory.class.getDeclaredField("filters");
            field.setAccessible(true);
            Map<COSName, Filter> filters = (Map<COSName, Filter>) field.get(FilterFactory.INSTANCE);
            filters.replaceAll((name, filter) -> filter instanceof Budgeted ? filter : new Budgeted(filter));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // fail closed: without the bound no untrusted PDF is read
            throw new IllegalStateException("cannot bound PDFBox's stream decoding", e);
        }
    }

    /** A filter that decodes through its original, counting the output against the thread's budget. */
    private static final class Budgeted extends Filter {
        private final Filter original;

        Budgeted(Filter original) {
            this.original = original;
        }

        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index)
                throws IOException {
            return original.decode(encoded, counted(decoded), parameters, index);
        }

        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index,
                                   DecodeOptions options) throws IOException {
            return original.decode(encoded, counted(decoded), parameters, index, options);
        }

        @Override
        protected void encode(InputStream input, OutputStream encoded, COSDictionary parameters) throws IOException {
            original.encode(input, encoded, parameters, 0);
        }

        private static OutputStream counted(OutputStream out) {
            DecodeBudget budget = CURRENT.get();
            if (budget == null) {
                return out;
            }
            return new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    budget.spend(1);
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    budget.spend(len);
                    out.write(b, off, len);
                }
            };
        }
    }
}
