package org.custodia.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Outside development the built-in development secrets stop the server and the migration tool. */
class DevelopmentDefaultsTest {

    private static final String STRONG = "s3cret-of-our-own-0123456789abcdef";

    @Test
    void unsetMeansDevelopmentWhereDefaultsAreAllowed() {
        Map<String, String> s = new HashMap<>();
        assertThat(DevelopmentDefaults.development(s::get)).isTrue();
        assertThat(DevelopmentDefaults.inServer(s::get)).containsExactly("CUSTODIA_KEYSTORE_PASSWORD", "CUSTODIA_DB_PASSWORD");
        assertThatCode(() -> DevelopmentDefaults.refuseOutsideDevelopment(s::get, DevelopmentDefaults.inServer(s::get)))
                .doesNotThrowAnyException();
        s.put("CUSTODIA_ENV", "Development");
        assertThat(DevelopmentDefaults.development(s::get)).isTrue();
    }

    @Test
    void productionOrAnyOtherValueRefusesEachDefaultByName() {
        for (String env : new String[] {"production", "staging", "prod"}) {
            Map<String, String> s = new HashMap<>(Map.of("CUSTODIA_ENV", env, "CUSTODIA_DB_PASSWORD", "custodia_app",
                    "CUSTODIA_ADMIN_TOKEN", "short"));
            assertThat(DevelopmentDefaults.development(s::get)).isFalse();
            assertThat(DevelopmentDefaults.inServer(s::get))
                    .containsExactly("CUSTODIA_KEYSTORE_PASSWORD", "CUSTODIA_DB_PASSWORD", "CUSTODIA_ADMIN_TOKEN");
            assertThatThrownBy(() -> DevelopmentDefaults.refuseOutsideDevelopment(s::get, DevelopmentDefaults.inServer(s::get)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CUSTODIA_KEYSTORE_PASSWORD").hasMessageContaining("CUSTODIA_ADMIN_TOKEN")
                    .hasMessageNotContaining("custodia_app").hasMessageNotContaining("short");
        }
        Map<String, String> s = Map.of("CUSTODIA_ENV", "production", "CUSTODIA_KEYSTORE_PASSWORD", "custodia-development-only",
                "CUSTODIA_DB_PASSWORD", STRONG);
        assertThat(DevelopmentDefaults.inServer(s::get)).containsExactly("CUSTODIA_KEYSTORE_PASSWORD");
    }

    @Test
    void productionWithSecretsOfItsOwnStarts() {
        Map<String, String> s = Map.of("CUSTODIA_ENV", "production", "CUSTODIA_KEYSTORE_PASSWORD", STRONG,
                "CUSTODIA_DB_PASSWORD", STRONG + "1", "CUSTODIA_ADMIN_TOKEN", STRONG + "2");
        assertThat(DevelopmentDefaults.inServer(s::get)).isEmpty();
        Map<String, String> noToken = Map.of("CUSTODIA_ENV", "production", "CUSTODIA_KEYSTORE_PASSWORD", STRONG,
                "CUSTODIA_DB_PASSWORD", STRONG + "1");
        assertThat(DevelopmentDefaults.inServer(noToken::get)).isEmpty(); // no token: bootstrap over HTTP is off
    }

    @Test
    void theMigrationToolChecksTheOwnerPasswordAndWhenItCreatesRolesTheirPasswords() {
        Map<String, String> migrateOnly = Map.of("CUSTODIA_ENV", "production");
        assertThat(DevelopmentDefaults.inMigration(migrateOnly::get)).containsExactly("CUSTODIA_DB_OWNER_PASSWORD");
        Map<String, String> creating = Map.of("CUSTODIA_ENV", "production", "CUSTODIA_DB_ADMIN_URL", "jdbc:postgresql://db/postgres",
                "CUSTODIA_DB_OWNER_PASSWORD", STRONG);
        assertThat(DevelopmentDefaults.inMigration(creating::get)).containsExactly("CUSTODIA_DB_PASSWORD", "CUSTODIA_DB_ADMIN_PASSWORD");
        assertThatThrownBy(() -> new org.custodia.platform.schema.DatabaseSetup(creating::get).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CUSTODIA_DB_ADMIN_PASSWORD");
    }
}
