package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Console sessions end after the tenant's idle time and, refreshed or not, 24 hours after sign-in. */
@ExtendWith(ArquillianExtension.class)
class SessionLimitsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    /** Runs {@code set} on the user's sessions matching {@code where} (sessions not used yet, so not cached). */
    static int moveSessions(String userId, String set, String where) throws Exception {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); PreparedStatement ps = c.prepareStatement(
                "update app.user_session set " + set + " where user_id = ?::uuid and " + where)) {
            ps.setString(1, userId);
            return ps.executeUpdate();
        }
    }

    @Test
    void anIdleSessionIsRefusedAfterTheTenantsIdleTime() throws Exception {
        Api.Tenant t = Api.newTenant("idle");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        assertThat(t.api().get("/settings/security").json().get("sessionIdleMinutes").asInt()).isEqualTo(30);
        Api idle = a.session();
        assertThat(moveSessions(a.userId(), "last_seen_at = now() - interval '31 minutes'", "true")).isEqualTo(1);
        assertThat(idle.get("/auth/me").status()).isEqualTo(401);
        Api active = a.session();
        assertThat(active.get("/auth/me").status()).isEqualTo(200);

        // a tenant that allows an hour keeps a session idle for 31 minutes alive
        Api.Reply set = t.api().put("/settings/security", "{\"mfaRequired\":false,\"corsOrigins\":[],\"sessionIdleMinutes\":60}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().get("sessionIdleMinutes").asInt()).isEqualTo(60);
        Api patient = a.session();
        moveSessions(a.userId(), "last_seen_at = now() - interval '31 minutes'", "created_at > now() - interval '5 seconds'"
                + " and last_seen_at > now() - interval '5 seconds'");
        assertThat(patient.get("/auth/me").status()).isEqualTo(200);

        for (String bad : new String[] {"4", "481"}) {
            Api.Reply refused = t.api().put("/settings/security", "{\"mfaRequired\":false,\"corsOrigins\":[],\"sessionIdleMinutes\":" + bad + "}");
            assertThat(refused.status()).isIn(400, 422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.raw().body()).contains("sessionIdleMinutes");
        }
        assertThat(t.api().get("/settings/security").json().get("sessionIdleMinutes").asInt()).isEqualTo(60);
    }

    @Test
    void refreshNeverExtendsASessionPastTwentyFourHoursFromSignIn() throws Exception {
        Api.Tenant t = Api.newTenant("absolute");
        Accounts.Account a = Accounts.invited(t, "AUDITOR");
        Api old = a.session();
        assertThat(moveSessions(a.userId(), "created_at = now() - interval '23 hours 50 minutes'", "true")).isEqualTo(1);
        Api.Reply refreshed = old.post("/auth/session/refresh", "");
        assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
        Instant expires = Instant.parse(refreshed.json().get("expiresAt").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(11));

        Api ancient = a.session();
        assertThat(moveSessions(a.userId(), "created_at = now() - interval '25 hours'", "created_at > now() - interval '1 hour'"))
                .isEqualTo(1);
        assertThat(ancient.get("/auth/me").status()).isEqualTo(401);
    }
}
