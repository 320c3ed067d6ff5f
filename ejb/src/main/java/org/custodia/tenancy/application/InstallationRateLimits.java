package org.custodia.tenancy.application;

import org.custodia.platform.config.Setting;
import org.custodia.tenancy.domain.RateLimits;

/** The limits of a tenant that set none of its own: the installation's settings. */
public final class InstallationRateLimits {

    public static final RateLimits DEFAULTS = new RateLimits(Setting.RATELIMIT_CHECKS.integer(),
            Setting.RATELIMIT_MUTATIONS.integer(), Setting.RATELIMIT_COSTLY.integer());

    private InstallationRateLimits() {
    }
}
