package org.custodia.audit.domain;

/** The last link of a tenant's audit chain: the next event has sequence {@code lastSeq + 1} and links to {@code lastHash}. */
public record ChainHead(long lastSeq, String lastHash) {

    /** The head of a chain without events. */
    public static final ChainHead EMPTY = new ChainHead(0, AuditEventHasher.GENESIS_HASH);
}
