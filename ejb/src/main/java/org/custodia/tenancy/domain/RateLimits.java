package org.custodia.tenancy.domain;

/**
 * How many consent checks, mutations and costly operations (chain verification, audit export, consent
 * summary, report verification) a tenant (and each of its API keys) may make per minute. The installation's
 * defaults come from settings ({@code InstallationRateLimits}); a tenant may set its own.
 */
public record RateLimits(int checksPerMinute, int mutationsPerMinute, int costlyPerMinute) {

    public enum Category { CHECK, MUTATION, COSTLY }

    public int perMinute(Category category) {
        return switch (category) {
            case CHECK -> checksPerMinute;
            case MUTATION -> mutationsPerMinute;
            case COSTLY -> costlyPerMinute;
        };
    }
}
