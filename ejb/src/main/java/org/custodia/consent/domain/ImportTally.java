package org.custodia.consent.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The running counts of a bulk import: records read, lines imported, lines rejected (when read or when
 * their batch is written) and the first {@link #MAX_REPORTED_ERRORS} problems. Every batch writes a
 * {@link #snapshot()} as the job's progress, so a count once made is never lost by a later batch.
 */
public final class ImportTally {

    public static final int MAX_REPORTED_ERRORS = 1_000;

    /** The counts as one batch writes them. */
    public record Snapshot(long read, long imported, long rejected, List<ImportLine.Problem> errors) {
        public Snapshot {
            errors = List.copyOf(errors);
        }
    }

    /** What writing one batch did: lines imported, and lines rejected only then. */
    public record BatchResult(int imported, List<ImportLine.Problem> rejected) {
        public BatchResult {
            rejected = List.copyOf(rejected);
        }
    }

    private long read;
    private long imported;
    private long rejected;
    private final List<ImportLine.Problem> errors = new ArrayList<>();

    public void recordRead() {
        read++;
    }

    public long read() {
        return read;
    }

    public long imported() {
        return imported;
    }

    public long rejected() {
        return rejected;
    }

    public List<ImportLine.Problem> errors() {
        return List.copyOf(errors);
    }

    public void reject(ImportLine.Problem problem) {
        rejected++;
        if (errors.size() < MAX_REPORTED_ERRORS) {
            errors.add(problem);
        }
    }

    /** The progress to write with a batch, counting what that batch will do. */
    public Snapshot after(BatchResult batch) {
        List<ImportLine.Problem> all = new ArrayList<>(errors);
        for (ImportLine.Problem p : batch.rejected()) {
            if (all.size() < MAX_REPORTED_ERRORS) {
                all.add(p);
            }
        }
        return new Snapshot(read, imported + batch.imported(), rejected + batch.rejected().size(), all);
    }

    /** Takes a written batch into the counts. */
    public void add(BatchResult batch) {
        imported += batch.imported();
        batch.rejected().forEach(this::reject);
    }
}
