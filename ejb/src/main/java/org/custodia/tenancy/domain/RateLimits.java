package org.custodia.tenancy.domain;

/** How many consent checks and how many mutations a tenant (and each of its API keys) may make per minute. */
public record RateLimits(int checksPerMinute, int mutationsPerMinute) {

    public static final RateLimits DEFAULTS = new RateLimits(
            Integer.getInteger("custodia.ratelimit.checks", 10_000),
            Integer.getInteger("custodia.ratelimit.mutations", 1_000));

    public enum Category { CHECK, MUTATION }

    public int perMinute(Category category) {
        return category == Category.CHECK ? checksPerMinute : mutationsPerMinute;
    }
}
