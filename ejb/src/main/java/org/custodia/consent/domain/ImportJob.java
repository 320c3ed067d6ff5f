package org.custodia.consent.domain;

import java.util.List;
import java.util.UUID;

/** A bulk import job as the API shows it: its status, counts, first line errors and input hash. */
public record ImportJob(UUID id, String status, long linesRead, long imported, long rejected, List<ImportLine.Problem> errors,
                        String inputSha256, String startedAt, String finishedAt, String failure) {
}
