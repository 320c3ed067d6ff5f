package org.custodia.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.custodia.platform.config.Settings;
import org.junit.jupiter.api.Test;

/** Outside development the built-in development secrets stop the server and the migration tool. */
class DevelopmentDefaultsTest {

    private static final String STRONG = "s3cret-of-our-own-0123456789abcdef";

    @Test
    void unsetMeansDevelopmentWhereDefaultsAreAllowed() {
        Map<String, String> s = new HashMap<>();
        assertThat(DevelopmentDefaults.development(Settings.of(s))).isTrue();
        assertThat(DevelopmentDefaults.inServer(Settings.of(s))).containsExactly("CUSTODIA_KEYSTORE_PASSWORD", "CUSTODIA_DB_PASSWORD");
        assertThatCode(() -> DevelopmentDefaults.refuseOutsideDevelopment(Settings.of(s), DevelopmentDefaults.inServer(Settings.of(s))))
                .doesNotThrowAnyException();
        s.put("CUSTODIA_ENV", "Development");
        assertThat(DevelopmentDefaults.development(Settings.of(s))).isTrue();
    }

    @Test
    void productionOrAnyOtherValueRefusesEachDefaultByName() {
        for (String env : new String[] {"production", "staging", "prod"}) {
            Map<String, String> s = new HashMap<>(Map.of("CUSTODIA_ENV", env, "CUSTODIA_DB_PASSWORD", "custodia_app",
                    "CUSTODIA_ADMIN_TOKEN", "short"));
            assertThat(DevelopmentDefaults.development(Settings.of(s))).isFalse();
            assertThat(DevelopmentDefaults.inServer(Settings.of(s)))
                    .containsExactly("CUSTODIA_KEYSTORE_PASSWORD", "CUSTODIA_DB_PASSWORD", "CUSTODIA_ADMIN_TOKEN");
            assertThatThrownBy(() -> DevelopmentDefaults.refuseOutsideDevelopment(Settings.of(s), DevelopmentDefaults.inServer(Settings.of(s))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CUSTODIA_KEYSTORE_PASSWORD").hasMessageContaining("CUSTODIA_ADMIN_TOKEN")
                    .hasMessageNotContaining("custodia_app").hasMessageNotContaining("short");
        }
        Map<String, String> s = Map.of("CUSTODIA_ENV", "production", "CUSTODIA_KEYSTORE_PASSWORD", "custodia-development-only",
                "CUSTODIA_DB_PASSWORD", STRONG);
        assertThat(DevelopmentDefaults.inServer(Settings.of(s))).containsExactly("CUSTODIA_KEYSTORE_PASSWORD");
    }

    @Test
    void productionWithSecretsOfItsOwnStarts() {
        Map<String, String> s = Map.of("CUSTODIA_ENV", "production", "CUSTODIA_KEYSTORE_PASSWORD", STRONG,
                "CUSTODIA_DB_PASSWORD", STRONG + "1", "CUSTODIA_ADMIN_TOKEN", STRONG + "2");
        assertThat(DevelopmentDefaults.inServer(Settings.of(s))).isEmpty();
        Map<String, String> noToken = Map.of("CUSTODIA_ENV", "production", "CUSTODIA_KEYSTORE_PASSWORD", STRONG,
                "CUSTODIA_DB_PASSWORD", STRONG + "1");
        assertThat(DevelopmentDefaults.inServer(Settings.of(noToken))).isEmpty(); // no token: bootstrap over HTTP is off
    }

    @Test
    void theMigrationToolChecksTheOwnerPasswordAndWhenItCreatesRolesTheirPasswords() {
        Map<String, String> migrateOnly = Map.of("CUSTODIA_ENV", "production");
        assertThat(DevelopmentDefaults.inMigration(Settings.of(migrateOnly))).containsExactly("CUSTODIA_DB_OWNER_PASSWORD");
        Map<String, String> creating = Map.of("CUSTODIA_ENV", "production", "CUSTODIA_DB_ADMIN_URL", "jdbc:postgresql://db/postgres",
                "CUSTODIA_DB_OWNER_PASSWORD", STRONG);
        assertThat(DevelopmentDefaults.inMigration(Settings.of(creating))).containsExactly("CUSTODIA_DB_PASSWORD", "CUSTODIA_DB_ADMIN_PASSWORD");
        assertThatThrownBy(() -> new org.custodia.platform.schema.DatabaseSetup(Settings.of(creating)).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CUSTODIA_DB_ADMIN_PASSWORD");
    }
}
