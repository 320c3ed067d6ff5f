package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Instant;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/** API keys: expiry, revocation, rotation with an overlap window, last-used time. */
@ExtendWith(ArquillianExtension.class)
class ApiKeyLifecycleIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static JsonNode listed(Api admin, String id) {
        for (JsonNode k : admin.get("/api-keys").json()) {
            if (k.get("id").asText().equals(id)) {
                return k;
            }
        }
        throw new AssertionError("key " + id + " not listed");
    }

    @Test
    void anExpiringKeyWorksUntilItsExpiryAndNotAfter() throws Exception {
        Api.Tenant t = Api.newTenant("key-expiry");
        Instant expiry = Instant.now().plusSeconds(3);
        Api.Reply created = t.api().post("/api-keys", "{\"name\":\"short\",\"role\":\"AUDITOR\",\"expiresAt\":\"" + expiry + "\"}");
        assertThat(created.status()).isEqualTo(201);
        Api key = Api.withKey(created.json().get("key").asText());
        assertThat(key.get("/audit/verify").status()).isEqualTo(200);
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 500);
        assertThat(key.get("/audit/verify").status()).isEqualTo(401);
        assertThat(t.api().post("/api-keys", "{\"name\":\"past\",\"role\":\"AUDITOR\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
                .json().get("errors").get(0).get("field").asText()).isEqualTo("expiresAt");
    }

    @Test
    void aRevokedKeyFailsAtOnce() {
        Api.Tenant t = Api.newTenant("key-revoke");
        Api.Reply created = t.api().post("/api-keys", "{\"name\":\"leaked\",\"role\":\"IT\"}");
        Api key = Api.withKey(created.json().get("key").asText());
        assertThat(key.get("/api-keys").status()).isEqualTo(200);
        Api.Reply revoked = t.api().send(t.api().request("/api-keys/" + created.json().get("id").asText()).DELETE());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
        assertThat(key.get("/api-keys").status()).isEqualTo(401);
        assertThat(ConsentApiIT.eventTypes(t.api())).contains("api_key.revoked");
        assertThat(t.api().send(t.api().request("/api-keys/" + java.util.UUID.randomUUID()).DELETE()).status()).isEqualTo(404);
    }

    @Test
    void rotationIssuesASuccessorAndTheOldKeyWorksOnlyThroughTheOverlap() throws Exception {
        Api.Tenant t = Api.newTenant("key-rotate");
        Api.Reply created = t.api().post("/api-keys", "{\"name\":\"backend\",\"role\":\"MANAGER\"}");
        String oldId = created.json().get("id").asText();
        Api old = Api.withKey(created.json().get("key").asText());
        Api.Reply rotated = old.post("/api-keys/" + oldId + "/rotate", "{\"overlapSeconds\":2}");
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(403); // MANAGER may not rotate keys
        rotated = t.api().post("/api-keys/" + oldId + "/rotate", "{\"overlapSeconds\":2}");
        assertThat(rotated.status()).isEqualTo(201);
        assertThat(rotated.json().get("role").asText()).isEqualTo("MANAGER");
        assertThat(rotated.json().get("name").asText()).isEqualTo("backend");
        Api successor = Api.withKey(rotated.json().get("key").asText());
        assertThat(old.get("/purposes").status()).isEqualTo(200);
        assertThat(successor.get("/purposes").status()).isEqualTo(200);
        assertThat(listed(t.api(), oldId).get("replacedBy").asText()).isEqualTo(rotated.json().get("id").asText());
        Thread.sleep(3000);
        assertThat(old.get("/purposes").status()).isEqualTo(401);
        assertThat(successor.get("/purposes").status()).isEqualTo(200);
        assertThat(t.api().post("/api-keys/" + oldId + "/rotate", "{}").status()).isEqualTo(409);
        assertThat(t.api().post("/api-keys/" + rotated.json().get("id").asText() + "/rotate", "{\"overlapSeconds\":-1}")
                .status()).isEqualTo(422);
        assertThat(ConsentApiIT.eventTypes(t.api())).contains("api_key.rotated");
    }

    @Test
    void theListShowsWhenAKeyWasLastUsed() {
        Api.Tenant t = Api.newTenant("key-used");
        Api.Reply created = t.api().post("/api-keys", "{\"name\":\"fresh\",\"role\":\"AUDITOR\"}");
        String id = created.json().get("id").asText();
        assertThat(listed(t.api(), id).get("lastUsedAt").isNull()).isTrue();
        assertThat(Api.withKey(created.json().get("key").asText()).get("/audit/verify").status()).isEqualTo(200);
        assertThat(Instant.parse(listed(t.api(), id).get("lastUsedAt").asText())).isAfter(Instant.now().minusSeconds(60));
    }
}
