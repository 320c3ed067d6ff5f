package org.custodia.dsar.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A request's compiled answer as stored: both files sealed, with their SHA-256 and sizes (what a reviewer sees
 * before opening them), how many systems and rows it covers, and how often it was compiled (a reviewer's request
 * for changes compiles it again and replaces it), and when its contents were purged under the tenant's retention
 * (null while kept; the hashes and sizes stay).
 */
public record ResponsePackage(UUID dsarId, String jsonSha256, int jsonSize, String pdfSha256, int pdfSize, int connectors,
                              int rowCount, boolean carriesData, int compilations, Instant compiledAt, Instant purgedAt) {
}
