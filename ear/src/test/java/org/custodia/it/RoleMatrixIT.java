package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Walks every endpoint with a key of every built-in role and checks allow/deny against the role table in
 * the database; keeps docs/roles.md equal to that table.
 */
@ExtendWith(ArquillianExtension.class)
class RoleMatrixIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static final List<String> ROLES = List.of("ADMIN", "MANAGER", "APPROVER", "IT", "AUDITOR");

    /** One call per permission-guarded endpoint; {role} is the caller's role, {dsar} an existing DSAR. */
    record Endpoint(String permission, String method, String path, String body, String contentType) {
    }

    static final String NO_ID = "00000000-0000-0000-0000-000000000000";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("api_key:create", "POST", "/api-keys", "{\"name\":\"k\",\"role\":\"{role}\"}", "application/json"),
            new Endpoint("api_key:view", "GET", "/api-keys", null, null),
            new Endpoint("api_key:rotate", "POST", "/api-keys/{throwaway}/rotate", "{\"overlapSeconds\":60}", "application/json"),
            new Endpoint("api_key:revoke", "DELETE", "/api-keys/{throwaway}", null, null),
            new Endpoint("purpose:create", "POST", "/purposes", "{\"key\":\"p-{role-lower}\",\"name\":\"P\"}", "application/json"),
            new Endpoint("purpose:view", "GET", "/purposes", null, null),
            new Endpoint("purpose:view", "GET", "/purposes/seeded", null, null),
            new Endpoint("consent:create", "POST", "/consents",
                    "{\"subject\":\"s-1\",\"purpose\":\"seeded\",\"action\":\"grant\"}", "application/json"),
            new Endpoint("consent:check", "GET", "/consents/check?subject=s-1&purpose=seeded", null, null),
            new Endpoint("consent:view", "GET", "/consents?subject=s-1", null, null),
            new Endpoint("consent:check", "POST", "/consents/check", "{\"subject\":\"s-1\",\"purposes\":[\"seeded\"]}",
                    "application/json"),
            new Endpoint("audit:verify", "GET", "/audit/verify", null, null),
            new Endpoint("audit:view", "GET", "/audit/events", null, null),
            new Endpoint("audit:export", "GET", "/audit/export?format=ndjson", null, null),
            new Endpoint("checkpoint:create", "POST", "/audit/checkpoints", "", "application/json"),
            new Endpoint("checkpoint:view", "GET", "/audit/checkpoints", null, null),
            new Endpoint("dsar:create", "POST", "/dsars",
                    "{\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"s-1\"}", "application/json"),
            new Endpoint("dsar:view", "GET", "/dsars/{dsar}", null, null),
            new Endpoint("report:export", "GET", "/reports/consent-summary", null, null),
            new Endpoint("report:verify", "POST", "/reports/verify", "%PDF-1.7 not really", "application/pdf"),
            new Endpoint("signing_key:view", "GET", "/signing-key", null, null),
            new Endpoint("signing_key:update", "PUT", "/signing-key", "{\"pkcs12\":\"aGVsbG8=\",\"password\":\"x\"}",
                    "application/json"),
            new Endpoint("role:view", "GET", "/roles", null, null),
            new Endpoint("notice:create", "POST", "/purposes/seeded/notices", "{\"texts\":{\"en\":\"Notice by {role}\"}}", "application/json"),
            new Endpoint("notice:view", "GET", "/purposes/seeded/notices", null, null),
            new Endpoint("notice:view", "GET", "/purposes/seeded/notices/99", null, null),
            new Endpoint("notice:view", "GET", "/notice-languages", null, null),
            new Endpoint("consent:view", "GET", "/consents/subjects?email=a@example.org", null, null),
            new Endpoint("consent:view", "GET", "/consents/receipts/" + NO_ID, null, null),
            new Endpoint("consent:view", "POST", "/consents/receipts/verify", "{\"jws\":\"x.y.z\"}", "application/json"),
            new Endpoint("consent:import", "POST", "/consents/imports", "subject,purpose,action\ns-{role-lower},seeded,grant\n", "text/csv"),
            new Endpoint("consent:view", "GET", "/consents/imports", null, null),
            new Endpoint("consent:view", "GET", "/consents/imports/" + NO_ID, null, null),
            new Endpoint("consent:export", "GET", "/consents/export", null, null),
            new Endpoint("role:create", "POST", "/roles", "{\"name\":\"r-{role-lower}\",\"description\":\"d\",\"permissions\":[\"role:view\"]}",
                    "application/json"),
            new Endpoint("role:update", "PUT", "/roles/nope", "{\"description\":\"d\",\"permissions\":[\"role:view\"]}", "application/json"),
            new Endpoint("role:delete", "DELETE", "/roles/nope", null, null),
            new Endpoint("user:view", "GET", "/users", null, null),
            new Endpoint("user:view", "GET", "/users/" + NO_ID, null, null),
            new Endpoint("user:invite", "POST", "/users/invitations", "{\"email\":\"inv-{role-lower}@example.org\",\"role\":\"IT\"}",
                    "application/json"),
            new Endpoint("user:update", "PUT", "/users/" + NO_ID + "/role", "{\"role\":\"IT\"}", "application/json"),
            new Endpoint("user:delete", "DELETE", "/users/" + NO_ID, null, null),
            new Endpoint("user:update", "POST", "/users/" + NO_ID + "/enable", "", "application/json"),
            new Endpoint("settings:view", "GET", "/settings/security", null, null),
            new Endpoint("settings:update", "PUT", "/settings/security", "{\"mfaRequired\":false,\"corsOrigins\":[]}", "application/json"),
            new Endpoint("settings:view", "GET", "/settings/privacy", null, null),
            new Endpoint("settings:update", "PUT", "/settings/privacy", "{\"jurisdiction\":\"EU\"}", "application/json"),
            new Endpoint("settings:view", "GET", "/settings/sso", null, null),
            new Endpoint("sso:configure", "PUT", "/settings/sso", "{}", "application/json"),
            new Endpoint("sso:configure", "DELETE", "/settings/sso", null, null));

    static Api.Tenant tenant;
    static String dsarId;
    static final Map<String, Api> keys = new LinkedHashMap<>();
    static final Map<String, Set<String>> permissions = new LinkedHashMap<>();

    @BeforeAll
    static void keysForEveryRole() {
        tenant = Api.newTenant("roles");
        assertThat(tenant.api().post("/purposes", "{\"key\":\"seeded\",\"name\":\"Seeded\"}").status()).isEqualTo(201);
        dsarId = tenant.api().post("/dsars", "{\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"s-1\"}")
                .json().get("id").asText();
        JsonNode catalogue = tenant.api().get("/roles").json();
        for (String role : ROLES) {
            Api.Reply key = tenant.api().post("/api-keys", "{\"name\":\"" + role + " key\",\"role\":\"" + role + "\"}");
            assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
            keys.put(role, Api.withKey(key.json().get("key").asText()));
            Set<String> granted = new HashSet<>();
            catalogue.get("roles").get(role).forEach(p -> granted.add(p.asText()));
            permissions.put(role, granted);
        }
    }

    @Test
    void everyEndpointAllowsExactlyTheRolesWhosePermissionsIncludeIt() {
        List<String> mismatches = new ArrayList<>();
        for (String role : ROLES) {
            for (Endpoint e : ENDPOINTS) {
                Api.Reply r = call(keys.get(role), e, role);
                boolean expected = permissions.get(role).contains(e.permission());
                boolean allowed = r.status() != 403;
                assertThat(r.status()).as("%s %s as %s: %s", e.method(), e.path(), role, r.raw().body()).isNotIn(401, 500);
                if (expected && e.method().equals("POST") && e.path().equals("/purposes")) {
                    assertThat(r.status()).isEqualTo(201); // allowed calls really succeed, not merely pass the filter
                }
                if (expected != allowed) {
                    mismatches.add(role + " " + e.method() + " " + e.path() + " (" + e.permission() + "): " + r.status());
                }
                if (!allowed) {
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    assertThat(r.json().get("detail").asText()).contains(e.permission());
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theRolesHaveTheirDocumentedShape() {
        // IT never reads compliance content; the auditor changes nothing; the admin may do everything
        assertThat(permissions.get("IT")).doesNotContain("consent:view", "consent:check", "dsar:view", "audit:view",
                "report:export");
        assertThat(permissions.get("AUDITOR")).allMatch(p -> p.endsWith(":view") || p.endsWith(":export")
                || p.endsWith(":verify"));
        assertThat(permissions.get("AUDITOR")).contains("audit:export", "report:export", "dsar:view", "consent:view");
        JsonNode catalogue = tenant.api().get("/roles").json();
        assertThat(catalogue.get("permissions").size()).isGreaterThanOrEqualTo(100);
        assertThat(permissions.get("ADMIN")).hasSize(catalogue.get("permissions").size());
        Set<String> modules = new TreeSet<>();
        catalogue.get("permissions").forEach(p -> modules.add(p.get("module").asText()));
        assertThat(modules).hasSizeGreaterThanOrEqualTo(13);
        // every permission an endpoint needs exists in the catalogue
        Set<String> known = new HashSet<>();
        catalogue.get("permissions").forEach(p -> known.add(p.get("key").asText()));
        assertThat(known).containsAll(ENDPOINTS.stream().map(Endpoint::permission).toList());
    }

    @Test
    void aKeyCannotGrantMoreThanItsCreatorHolds() {
        Map<String, Long> before = BadInputIT.rowCounts();
        Api.Reply escalation = keys.get("IT").post("/api-keys", "{\"name\":\"sneaky\",\"role\":\"ADMIN\"}");
        assertThat(escalation.status()).isEqualTo(403);
        Api.Reply unknown = tenant.api().post("/api-keys", "{\"name\":\"x\",\"role\":\"GOD\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("role");
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
    }

    @Test
    void docsRolesMdIsTheDatabasesRoleTable() throws Exception {
        JsonNode catalogue = tenant.api().get("/roles").json();
        StringBuilder md = new StringBuilder("# Roles and permissions\n\n")
                .append("Generated from the database (migration V5) by RoleMatrixIT; each endpoint's permission is in")
                .append(" README.md. ✓ = the role has the permission.\n\n| permission | ")
                .append(String.join(" | ", ROLES)).append(" |\n|---|").append("---|".repeat(ROLES.size())).append('\n');
        for (JsonNode p : catalogue.get("permissions")) {
            String key = p.get("key").asText();
            md.append("| `").append(key).append("` |");
            for (String role : ROLES) {
                md.append(permissions.get(role).contains(key) ? " ✓ |" : "  |");
            }
            md.append('\n');
        }
        Path generated = ItEnvironment.projectRoot().toPath().resolve("ear/target/roles.md");
        Files.writeString(generated, md.toString(), StandardCharsets.UTF_8);
        Path committed = ItEnvironment.projectRoot().toPath().resolve("docs/roles.md");
        assertThat(Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "")
                .as("docs/roles.md is stale: cp ear/target/roles.md docs/roles.md").isEqualTo(md.toString());
    }

    private static Api.Reply call(Api api, Endpoint e, String role) {
        String path = e.path().replace("{dsar}", dsarId);
        if (path.contains("{throwaway}")) {
            String id = tenant.api().post("/api-keys", "{\"name\":\"throwaway\",\"role\":\"IT\"}").json().get("id").asText();
            path = path.replace("{throwaway}", id);
        }
        HttpRequest.Builder b = api.request(path);
        if (e.body() == null) {
            b.method(e.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", e.contentType())
                    .method(e.method(), HttpRequest.BodyPublishers.ofString(
                            e.body().replace("{role-lower}", role.toLowerCase()).replace("{role}", role)));
        }
        return api.send(b);
    }
}
