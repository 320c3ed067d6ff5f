package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-tenant limits on mutations and consent checks: headers, 429 at the limit, other tenants untouched. */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static Api.Reply setLimits(Api api, Object tenantId, String body) {
        return api.send(api.request("/admin/tenants/" + tenantId + "/rate-limits").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void mutationsAndChecksStopAtTheTenantsLimitWhileOtherTenantsGoOn() {
        Api.Tenant limited = Api.newTenant("limited");
        Api.Tenant other = Api.newTenant("unlimited");
        Api.Reply set = setLimits(Api.admin(), limited.id(), "{\"checksPerMinute\":5,\"mutationsPerMinute\":3}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);

        Api.Reply first = limited.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("2");
        assertThat(Long.parseLong(first.header("RateLimit-Reset"))).isBetween(1L, 60L);
        assertThat(limited.api().post("/consents", "{\"subject\":\"s\",\"purpose\":\"ads\",\"action\":\"grant\"}").status())
                .isEqualTo(201);
        Api.Reply third = limited.api().post("/consents", "{\"subject\":\"s\",\"purpose\":\"ads\",\"action\":\"withdraw\"}");
        assertThat(third.status()).isEqualTo(201);
        assertThat(third.header("RateLimit-Remaining")).isEqualTo("0");

        Map<String, Long> before = BadInputIT.rowCounts();
        Api.Reply refused = limited.api().post("/consents", "{\"subject\":\"s\",\"purpose\":\"ads\",\"action\":\"grant\"}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);

        // reads other than checks are not limited; checks have their own budget
        assertThat(limited.api().get("/purposes").status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            Api.Reply check = limited.api().get("/consents/check?subject=s&purpose=ads");
            assertThat(check.status()).isEqualTo(200);
            assertThat(check.header("RateLimit-Remaining")).isEqualTo(String.valueOf(4 - i));
        }
        assertThat(limited.api().get("/consents/check?subject=s&purpose=ads").status()).isEqualTo(429);

        Api.Reply unaffected = other.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}");
        assertThat(unaffected.status()).isEqualTo(201);
        assertThat(unaffected.header("RateLimit-Limit")).isEqualTo("1000");
        assertThat(other.api().get("/consents/check?subject=s&purpose=ads").header("RateLimit-Limit")).isEqualTo("10000");
        assertThat(ConsentApiIT.eventTypes(limited.api())).contains("tenant.rate_limits.changed");
    }

    @Test
    void costlyOperationsDrawOnTheirOwnSmallBudgetPerTenant() {
        // the IT server's default is generous (custodia.ratelimit.costly in arquillian.xml); this tenant gets 2
        Api.Tenant limited = Api.newTenant("costly");
        Api.Tenant other = Api.newTenant("costly-other");
        Api.Reply set = setLimits(Api.admin(), limited.id(), "{\"checksPerMinute\":100,\"mutationsPerMinute\":100,\"costlyPerMinute\":2}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().get("costlyPerMinute").asInt()).isEqualTo(2);

        Api.Reply first = limited.api().get("/audit/verify");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("2");
        assertThat(limited.api().get("/audit/export?format=ndjson").status()).isEqualTo(200);
        Api.Reply refused = limited.api().get("/audit/verify");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.api().get("/reports/consent-summary").status()).isEqualTo(429);

        // other budgets of the same tenant and the same operations of other tenants go on
        assertThat(limited.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}").status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(other.api().get("/audit/verify").status()).isEqualTo(200);
        }
        Api.Reply bad = setLimits(Api.admin(), limited.id(), "{\"checksPerMinute\":5,\"mutationsPerMinute\":3,\"costlyPerMinute\":0}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactly("costlyPerMinute");
    }

    @Test
    void limitsChangedOnAnotherNodeApplyHereAtOnce() throws Exception {
        Api.Tenant t = Api.newTenant("limits-feed");
        try (java.sql.Connection listening = ClusterNotifications.listen()) {
            assertThat(setLimits(Api.admin(), t.id(), "{\"checksPerMinute\":50,\"mutationsPerMinute\":40}").status()).isEqualTo(200);
            assertThat(ClusterNotifications.announced(listening, "rate-limits", t.id().toString())).as("announced at commit").isTrue();
        }
        assertThat(t.api().post("/purposes", "{\"key\":\"a\",\"name\":\"A\"}").header("RateLimit-Limit")).isEqualTo("40");
        // another node changed them: the row changes, this node hears of it by notification
        try (java.sql.Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("update app.tenant_rate_limit set mutations_per_minute = 7 where tenant_id = '" + t.id() + "'");
        }
        assertThat(t.api().post("/purposes", "{\"key\":\"b\",\"name\":\"B\"}").header("RateLimit-Limit"))
                .as("still cached (no notification yet)").isEqualTo("40");
        ClusterNotifications.send("rate-limits", t.id().toString());
        String limit = null;
        for (int i = 0; i < 30 && !"7".equals(limit); i++) {
            limit = t.api().post("/purposes", "{\"key\":\"c" + i + "\",\"name\":\"C\"}").header("RateLimit-Limit");
            Thread.sleep(50);
        }
        assertThat(limit).isEqualTo("7");
    }

    @Test
    void onlyTheOperatorSetsLimitsAndBadValuesAreRefused() {
        Api.Tenant t = Api.newTenant("limits-input");
        assertThat(setLimits(t.api(), t.id(), "{\"checksPerMinute\":5,\"mutationsPerMinute\":3}").status()).isEqualTo(401);
        Api.Reply bad = setLimits(Api.admin(), t.id(), "{\"checksPerMinute\":0}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("checksPerMinute", "mutationsPerMinute");
        assertThat(setLimits(Api.admin(), java.util.UUID.randomUUID(), "{\"checksPerMinute\":5,\"mutationsPerMinute\":3}")
                .status()).isEqualTo(404);
        assertThat(setLimits(Api.admin(), t.id(), "{\"checksPerMinute\":5,\"mutationsPerMinute\":3,\"x\":1}").status())
                .isEqualTo(400);
    }
}
