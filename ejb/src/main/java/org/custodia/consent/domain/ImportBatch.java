package org.custodia.consent.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One batch of valid import lines made ready to write: each line's notice (the one it names, else the purpose's
 * current one for a grant; none for a withdrawal) with its hash. A line naming a notice version its purpose does
 * not have is rejected here, by line number, and not written.
 */
public record ImportBatch(List<Row> rows, List<ImportLine.Problem> rejected) {

    /** One ledger event to write, and the projection change it makes. */
    public record Row(UUID eventId, String subjectId, UUID purposeId, int purposeVersion, ConsentDecision decision,
                      Instant recordedAt, Integer noticeVersion, String noticeHash, Instant expiresAt) {

        public StateChange change() {
            return new StateChange(eventId, subjectId, purposeId, purposeVersion, decision, recordedAt, noticeVersion, expiresAt);
        }
    }

    public static ImportBatch of(List<ImportLine> lines, Map<String, ImportPurpose> purposes, Supplier<UUID> eventIds) {
        List<Row> rows = new ArrayList<>(lines.size());
        List<ImportLine.Problem> rejected = new ArrayList<>();
        for (ImportLine l : lines) {
            ImportPurpose p = purposes.get(l.purpose());
            Integer notice = l.decision().allows() ? (l.noticeVersion() != null ? l.noticeVersion() : p.noticeVersion()) : null;
            if (notice != null && !p.noticeHashes().containsKey(notice)) {
                rejected.add(new ImportLine.Problem(l.line(), "noticeVersion", "the purpose has no notice version " + notice));
                continue;
            }
            rows.add(new Row(eventIds.get(), l.subject(), p.id(), p.version(), l.decision(), l.recordedAt(), notice,
                    notice == null ? null : p.noticeHashes().get(notice), l.expiresAt()));
        }
        return new ImportBatch(rows, rejected);
    }

    public List<StateChange> changes() {
        return rows.stream().map(Row::change).toList();
    }
}
