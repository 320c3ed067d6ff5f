package org.custodia.platform.startup;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import org.custodia.platform.config.Settings;
import org.jboss.logging.Logger;

/**
 * Fails the deployment when a setting the server reads does not parse (in any mode: a typo must not wait for the
 * first request that reads it), and outside development while a built-in development secret is in use
 * ({@link DevelopmentDefaults}).
 */
@Startup
@Singleton
public class ProductionSettingsCheck {

    private static final Logger LOG = Logger.getLogger(ProductionSettingsCheck.class);

    @PostConstruct
    void check() {
        List<String> malformed = Settings.system().problems();
        if (!malformed.isEmpty()) {
            String refused = "refusing to start: these settings do not parse: " + String.join(", ", malformed)
                    + " (see the configuration table in the README)";
            LOG.error(refused);
            throw new IllegalStateException(refused);
        }
        List<String> found = DevelopmentDefaults.inServer(Settings.system());
        if (DevelopmentDefaults.development(Settings.system())) {
            if (!found.isEmpty()) {
                LOG.warnf("development mode (CUSTODIA_ENV unset or development): development defaults in use for %s", found);
            }
            return;
        }
        try {
            DevelopmentDefaults.refuseOutsideDevelopment(Settings.system(), found);
        } catch (IllegalStateException refused) {
            LOG.error("refusing to start: " + refused.getMessage());
            throw refused;
        }
    }
}
