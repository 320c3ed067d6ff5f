package org.custodia.audit.domain;

/**
 * The outcome of walking a tenant's audit chain.
 *
 * @param firstBrokenSeq the first sequence number whose link or hash does not verify, or null when intact
 */
public record ChainVerification(boolean intact, long eventCount, long headSeq, String headHash, Long firstBrokenSeq) {
}
