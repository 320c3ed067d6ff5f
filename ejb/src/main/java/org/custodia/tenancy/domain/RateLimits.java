package org.custodia.tenancy.domain;

/**
 * How many consent checks, mutations and costly operations (chain verification, audit export, consent
 * summary, report verification) a tenant (and each of its API keys) may make per minute.
 */
public record RateLimits(int checksPerMinute, int mutationsPerMinute, int costlyPerMinute) {

    /** The installation's default for costly operations ({@code CUSTODIA_RATELIMIT_COSTLY}, default 6). */
    public static final int DEFAULT_COSTLY = Integer.parseInt(System.getProperty("custodia.ratelimit.costly",
            System.getenv().getOrDefault("CUSTODIA_RATELIMIT_COSTLY", "6")));

    public static final RateLimits DEFAULTS = new RateLimits(
            Integer.getInteger("custodia.ratelimit.checks", 10_000),
            Integer.getInteger("custodia.ratelimit.mutations", 1_000),
            DEFAULT_COSTLY);

    public enum Category { CHECK, MUTATION, COSTLY }

    public int perMinute(Category category) {
        return switch (category) {
            case CHECK -> checksPerMinute;
            case MUTATION -> mutationsPerMinute;
            case COSTLY -> costlyPerMinute;
        };
    }
}
