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
 * Walks every permission-guarded endpoint (read from the web module's {@code @RequiresPermission}
 * annotations, see {@link GuardedEndpoints}) with a key of every built-in role and checks allow/deny
 * against the role table in the database; keeps docs/roles.md equal to that table.
 */
@ExtendWith(ArquillianExtension.class)
class RoleMatrixIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static final List<String> ROLES = List.of("ADMIN", "MANAGER", "APPROVER", "IT", "AUDITOR");

    /**
     * How to call each permission-guarded endpoint, keyed by "METHOD /path/template" as its resource
     * declares it (the permission comes from its {@code @RequiresPermission}); in the path, {role} is the
     * caller's role, {dsar} an existing DSAR, {throwaway} a fresh API key. A guarded endpoint without a
     * row here, or a row without its endpoint, fails the matrix.
     */
    record Call(String path, String body, String contentType) {
    }

    static final String NO_ID = "00000000-0000-0000-0000-000000000000";

    static final Map<String, Call> CALLS = new LinkedHashMap<>();

    private static void row(String endpoint, String path, String body, String contentType) {
        CALLS.put(endpoint, new Call(path, body, contentType));
    }

    static {
        row("POST /api-keys", "/api-keys", "{\"name\":\"k\",\"role\":\"{role}\"}", "application/json");
        row("GET /api-keys", "/api-keys", null, null);
        row("POST /api-keys/{id}/rotate", "/api-keys/{throwaway}/rotate", "{\"overlapSeconds\":60}", "application/json");
        row("DELETE /api-keys/{id}", "/api-keys/{throwaway}", null, null);
        row("POST /purposes", "/purposes", "{\"key\":\"p-{role-lower}\",\"name\":\"P\"}", "application/json");
        row("GET /purposes", "/purposes", null, null);
        row("GET /purposes/{key}", "/purposes/seeded", null, null);
        row("GET /purposes/activity-findings", "/purposes/activity-findings", null, null);
        row("PUT /purposes/{key}/activity", "/purposes/seeded/activity", "{\"activityId\":null}", "application/json");
        row("POST /consents", "/consents", "{\"subject\":\"s-1\",\"purpose\":\"seeded\",\"action\":\"grant\"}", "application/json");
        row("GET /consents/check", "/consents/check?subject=s-1&purpose=seeded", null, null);
        row("GET /settings/rate-limits", "/settings/rate-limits", null, null);
        row("GET /consents/banner", "/consents/banner?subject=visitor-00000000-0000-4000-8000-000000000000&purpose=seeded", null, null);
        row("POST /consents/banner", "/consents/banner",
                "{\"subject\":\"visitor-00000000-0000-4000-8000-000000000000\",\"purpose\":\"seeded\",\"action\":\"grant\"}", "application/json");
        row("GET /consents", "/consents?subject=s-1", null, null);
        row("POST /consents/check", "/consents/check", "{\"subject\":\"s-1\",\"purposes\":[\"seeded\"]}", "application/json");
        row("GET /audit/verify", "/audit/verify", null, null);
        row("GET /audit/events", "/audit/events", null, null);
        row("GET /audit/export", "/audit/export?format=ndjson", null, null);
        row("POST /audit/checkpoints", "/audit/checkpoints", "", "application/json");
        row("GET /audit/checkpoints", "/audit/checkpoints", null, null);
        row("POST /dsars", "/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"s-1\"}", "application/json");
        row("GET /dsars/summary", "/dsars/summary", null, null);
        row("GET /dsars/{id}", "/dsars/{dsar}", null, null);
        row("POST /dsars/{id}/extension", "/dsars/{dsar}/extension", "{\"reason\":\"complex\",\"noticeSentAt\":\"" + java.time.Instant.now().minusSeconds(60) + "\"}", "application/json");
        row("POST /dsars/{id}/pauses", "/dsars/{dsar}/pauses", "{\"askedOn\":\"2026-01-02\",\"arrivedOn\":\"2026-01-01\"}", "application/json");
        row("GET /dsars/{id}/discovery", "/dsars/{dsar}/discovery", null, null);
        row("POST /dsars/{id}/discovery/{connectorId}/retry", "/dsars/{dsar}/discovery/" + NO_ID + "/retry", "", "application/json");
        row("POST /dsars/{id}/discovery/{connectorId}/skip", "/dsars/{dsar}/discovery/" + NO_ID + "/skip", "{\"reason\":\"r\"}", "application/json");
        row("POST /connectors", "/connectors", "{\"name\":\"c-{role-lower}\",\"kind\":\"HTTP\",\"enabled\":false,"
                + "\"endpointUrl\":\"https://example.org/{role-lower}\"}", "application/json");
        row("GET /connectors", "/connectors", null, null);
        row("POST /ropa/systems", "/ropa/systems", "{\"name\":\"sys-{role-lower}\"}", "application/json");
        row("GET /ropa/systems", "/ropa/systems", null, null);
        row("PUT /ropa/systems/{id}", "/ropa/systems/" + NO_ID, "{\"description\":\"d\"}", "application/json");
        row("DELETE /ropa/systems/{id}", "/ropa/systems/" + NO_ID, null, null);
        row("POST /retention-policies", "/retention-policies", "{\"key\":\"r-{role-lower}\",\"name\":\"R\",\"period\":\"P1Y\","
                + "\"startsAt\":\"COLLECTION\",\"action\":\"ERASE\"}", "application/json");
        row("GET /retention-policies", "/retention-policies", null, null);
        row("GET /retention-policies/{key}", "/retention-policies/nope", null, null);
        row("PUT /retention-policies/{key}", "/retention-policies/nope", "{\"name\":\"R\",\"period\":\"P1Y\",\"startsAt\":\"COLLECTION\","
                + "\"action\":\"ERASE\"}", "application/json");
        row("DELETE /retention-policies/{key}", "/retention-policies/nope", null, null);
        row("POST /ropa/activities", "/ropa/activities", "{\"reference\":\"pa-{role-lower}\",\"content\":{\"record\":"
                + "{\"role\":\"CONTROLLER\",\"name\":\"P\"}}}", "application/json");
        row("GET /ropa/activities", "/ropa/activities", null, null);
        row("GET /ropa/activities/{id}", "/ropa/activities/" + NO_ID, null, null);
        row("PUT /ropa/activities/{id}", "/ropa/activities/" + NO_ID, "{\"reference\":\"x\",\"content\":{\"record\":"
                + "{\"role\":\"CONTROLLER\",\"name\":\"P\"}}}", "application/json");
        row("DELETE /ropa/activities/{id}", "/ropa/activities/" + NO_ID, null, null);
        row("POST /ropa/activities/{id}/submit", "/ropa/activities/" + NO_ID + "/submit", "", "application/json");
        row("GET /ropa/activities/{id}/versions", "/ropa/activities/" + NO_ID + "/versions", null, null);
        row("POST /risks", "/risks", "{\"reference\":\"r-{role-lower}\",\"title\":\"T\",\"inherentLikelihood\":2,\"inherentImpact\":3}",
                "application/json");
        row("GET /risks", "/risks", null, null);
        row("GET /risks/heat-map", "/risks/heat-map", null, null);
        row("GET /risks/{id}", "/risks/" + NO_ID, null, null);
        row("PUT /risks/{id}", "/risks/" + NO_ID, "{\"reference\":\"x\",\"title\":\"T\",\"inherentLikelihood\":2,\"inherentImpact\":3}",
                "application/json");
        row("DELETE /risks/{id}", "/risks/" + NO_ID, null, null);
        row("GET /risks/{id}/treatments", "/risks/" + NO_ID + "/treatments", null, null);
        row("POST /risks/{id}/treatments", "/risks/" + NO_ID + "/treatments", "{\"strategy\":\"MITIGATE\",\"description\":\"d\"}",
                "application/json");
        row("PUT /risks/{id}/treatments/{treatmentId}", "/risks/" + NO_ID + "/treatments/" + NO_ID,
                "{\"strategy\":\"MITIGATE\",\"description\":\"d\"}", "application/json");
        row("DELETE /risks/{id}/treatments/{treatmentId}", "/risks/" + NO_ID + "/treatments/" + NO_ID, null, null);
        row("GET /settings/risk-bands", "/settings/risk-bands", null, null);
        row("PUT /settings/risk-bands", "/settings/risk-bands", "{\"bands\":[{\"name\":\"low\",\"from\":1,\"to\":4},"
                + "{\"name\":\"medium\",\"from\":5,\"to\":10},{\"name\":\"high\",\"from\":12,\"to\":25}]}", "application/json");
        row("GET /reports/risk-register", "/reports/risk-register", null, null);
        row("POST /dpias", "/dpias", "{\"reference\":\"d-{role-lower}\",\"activityId\":\"" + NO_ID + "\",\"title\":\"T\"}",
                "application/json");
        row("GET /dpias", "/dpias", null, null);
        row("GET /dpias/{id}", "/dpias/" + NO_ID, null, null);
        row("PUT /dpias/{id}", "/dpias/" + NO_ID, "{\"reference\":\"x\",\"activityId\":\"" + NO_ID + "\",\"title\":\"T\"}",
                "application/json");
        row("DELETE /dpias/{id}", "/dpias/" + NO_ID, null, null);
        row("POST /dpias/{id}/submit", "/dpias/" + NO_ID + "/submit", "", "application/json");
        row("POST /dpias/{id}/risks", "/dpias/" + NO_ID + "/risks", "{\"reference\":\"r\",\"title\":\"T\",\"inherentLikelihood\":2,"
                + "\"inherentImpact\":3}", "application/json");
        row("GET /dpia-templates", "/dpia-templates", null, null);
        row("POST /dpia-templates", "/dpia-templates", "{\"key\":\"t-{role-lower}\",\"title\":\"T\",\"questions\":[{\"id\":\"q\","
                + "\"text\":\"Q?\",\"kind\":\"TEXT\"}]}", "application/json");
        row("GET /reports/dpias/{id}", "/reports/dpias/" + NO_ID, null, null);
        row("GET /ropa/register", "/ropa/register?format=csv", null, null);
        row("POST /ropa/register/imports", "/ropa/register/imports", "reference,name\r\n", "text/csv");
        row("GET /ropa/activities/{id}/diff", "/ropa/activities/" + NO_ID + "/diff?from=1&to=2", null, null);
        row("GET /webhooks/event-types", "/webhooks/event-types", null, null);
        row("POST /webhooks", "/webhooks", "{\"url\":\"http://127.0.0.1:9/{role-lower}\",\"eventTypes\":[\"webhook.ping\"]}", "application/json");
        row("GET /webhooks", "/webhooks", null, null);
        row("GET /webhooks/{id}", "/webhooks/" + NO_ID, null, null);
        row("PUT /webhooks/{id}", "/webhooks/" + NO_ID, "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"webhook.ping\"]}", "application/json");
        row("DELETE /webhooks/{id}", "/webhooks/" + NO_ID, null, null);
        row("POST /webhooks/{id}/rotate-secret", "/webhooks/" + NO_ID + "/rotate-secret", "{}", "application/json");
        row("POST /webhooks/{id}/enable", "/webhooks/" + NO_ID + "/enable", "", "application/json");
        row("POST /webhooks/{id}/disable", "/webhooks/" + NO_ID + "/disable", "", "application/json");
        row("POST /webhooks/{id}/ping", "/webhooks/" + NO_ID + "/ping", "", "application/json");
        row("GET /webhooks/{id}/deliveries", "/webhooks/" + NO_ID + "/deliveries", null, null);
        row("GET /webhooks/{id}/deliveries/{deliveryId}/attempts", "/webhooks/" + NO_ID + "/deliveries/" + NO_ID + "/attempts", null, null);
        row("POST /webhooks/{id}/deliveries/{deliveryId}/redeliver", "/webhooks/" + NO_ID + "/deliveries/" + NO_ID + "/redeliver", "",
                "application/json");
        row("GET /connectors/{id}", "/connectors/" + NO_ID, null, null);
        row("PUT /connectors/{id}", "/connectors/" + NO_ID, "{\"name\":\"n\",\"endpointUrl\":\"https://example.org/n\"}", "application/json");
        row("DELETE /connectors/{id}", "/connectors/" + NO_ID, null, null);
        row("GET /dsars/{id}/contact", "/dsars/{dsar}/contact", null, null);
        row("GET /dsars/{id}/package", "/dsars/{dsar}/package", null, null);
        row("GET /dsars/{id}/package/summary.pdf", "/dsars/{dsar}/package/summary.pdf", null, null);
        row("GET /dsars/{id}/package/response.json", "/dsars/{dsar}/package/response.json", null, null);
        row("GET /dsars/{id}/package/archive.zip", "/dsars/{dsar}/package/archive.zip", null, null);
        row("POST /dsars/{id}/package/link", "/dsars/{dsar}/package/link", "{}", "application/json");
        row("GET /settings/sla", "/settings/sla", null, null);
        row("GET /settings/mail", "/settings/mail", null, null);
        row("PUT /settings/mail", "/settings/mail", "{\"defaultLanguage\":\"en\"}", "application/json");
        row("GET /settings/dsar-intake", "/settings/dsar-intake", null, null);
        row("PUT /settings/dsar-intake", "/settings/dsar-intake", "{\"identityLinkValidity\":\"P7D\",\"duplicateWindow\":\"P30D\"}", "application/json");
        row("PUT /settings/sla", "/settings/sla", "{\"rows\":[{\"process\":\"dsar\",\"type\":\"*\",\"warningBefore\":\"P7D\",\"escalationAfter\":\"P2D\"}]}", "application/json");
        row("GET /reports/consent-summary", "/reports/consent-summary", null, null);
        row("GET /reports/processing-register", "/reports/processing-register", null, null);
        row("POST /reports/verify", "/reports/verify", "%PDF-1.7 not really", "application/pdf");
        row("GET /signing-key", "/signing-key", null, null);
        row("PUT /signing-key", "/signing-key", "{\"pkcs12\":\"aGVsbG8=\",\"password\":\"x\"}", "application/json");
        row("GET /roles", "/roles", null, null);
        row("POST /purposes/{key}/notices", "/purposes/seeded/notices", "{\"texts\":{\"en\":\"Notice by {role}\"}}", "application/json");
        row("GET /purposes/{key}/notices", "/purposes/seeded/notices", null, null);
        row("GET /purposes/{key}/notices/{version}", "/purposes/seeded/notices/99", null, null);
        row("GET /notice-languages", "/notice-languages", null, null);
        row("GET /consents/subjects", "/consents/subjects?email=a@example.org", null, null);
        row("GET /consents/receipts/{eventId}", "/consents/receipts/" + NO_ID, null, null);
        row("POST /consents/receipts/verify", "/consents/receipts/verify", "{\"jws\":\"x.y.z\"}", "application/json");
        row("POST /consents/imports", "/consents/imports", "subject,purpose,action\ns-{role-lower},seeded,grant\n", "text/csv");
        row("GET /consents/imports", "/consents/imports", null, null);
        row("GET /consents/imports/{id}", "/consents/imports/" + NO_ID, null, null);
        row("GET /consents/export", "/consents/export", null, null);
        row("POST /roles", "/roles", "{\"name\":\"r-{role-lower}\",\"description\":\"d\",\"permissions\":[\"role:view\"]}", "application/json");
        row("PUT /roles/{name}", "/roles/nope", "{\"description\":\"d\",\"permissions\":[\"role:view\"]}", "application/json");
        row("DELETE /roles/{name}", "/roles/nope", null, null);
        row("GET /users", "/users", null, null);
        row("GET /users/{id}", "/users/" + NO_ID, null, null);
        row("POST /users/invitations", "/users/invitations", "{\"email\":\"inv-{role-lower}@example.org\",\"role\":\"IT\"}", "application/json");
        row("PUT /users/{id}/role", "/users/" + NO_ID + "/role", "{\"role\":\"IT\"}", "application/json");
        row("DELETE /users/{id}", "/users/" + NO_ID, null, null);
        row("POST /users/{id}/enable", "/users/" + NO_ID + "/enable", "", "application/json");
        row("GET /settings/security", "/settings/security", null, null);
        row("PUT /settings/security", "/settings/security", "{\"mfaRequired\":false,\"corsOrigins\":[]}", "application/json");
        row("GET /settings/privacy", "/settings/privacy", null, null);
        row("PUT /settings/privacy", "/settings/privacy", "{\"jurisdiction\":\"EU\"}", "application/json");
        row("GET /settings/calendar", "/settings/calendar", null, null);
        row("PUT /settings/calendar", "/settings/calendar", "{\"timeZone\":\"Europe/Berlin\",\"country\":\"DE\"}", "application/json");
        row("GET /settings/sso", "/settings/sso", null, null);
        row("GET /settings/sso/addresses", "/settings/sso/addresses", null, null);
        row("PUT /settings/sso", "/settings/sso", "{}", "application/json");
        row("DELETE /settings/sso", "/settings/sso", null, null);
        row("GET /tasks", "/tasks", null, null);
        row("GET /tasks/{id}", "/tasks/0", null, null);
        row("POST /tasks/{id}/claim", "/tasks/0/claim", "", "application/json");
        row("POST /tasks/{id}/unclaim", "/tasks/0/unclaim", "", "application/json");
        row("POST /tasks/{id}/delegate", "/tasks/0/delegate", "{\"userId\":\"" + NO_ID + "\"}", "application/json");
        row("POST /tasks/{id}/complete", "/tasks/0/complete", "{\"decision\":\"APPROVE\"}", "application/json");
    }

    /** A guarded endpoint and how to call it. */
    record Guarded(GuardedEndpoints.Endpoint endpoint, Call call) {
    }

    /**
     * The guarded endpoints, in the order of {@link #CALLS}; fails, naming them, when an endpoint has no
     * row or a row no endpoint.
     */
    static List<Guarded> matrix() {
        Map<String, GuardedEndpoints.Endpoint> declared = new LinkedHashMap<>();
        GuardedEndpoints.all().forEach(e -> declared.put(e.key(), e));
        List<String> differences = new ArrayList<>();
        declared.values().stream().filter(e -> !CALLS.containsKey(e.key())).forEach(e -> differences.add(
                e.key() + " (" + e.declaredBy() + ", needs " + e.permission() + ") has no row in RoleMatrixIT.CALLS: add how to call it"));
        CALLS.keySet().stream().filter(k -> !declared.containsKey(k)).forEach(k -> differences.add(
                "RoleMatrixIT.CALLS has a row for " + k + ", which no resource declares with @RequiresPermission: remove or correct it"));
        assertThat(differences).as("the role matrix and the permission-guarded endpoints differ").isEmpty();
        return CALLS.entrySet().stream().map(c -> new Guarded(declared.get(c.getKey()), c.getValue())).toList();
    }

    static Api.Tenant tenant;
    static String dsarId;
    static final Map<String, Api> keys = new LinkedHashMap<>();
    static final Map<String, Set<String>> permissions = new LinkedHashMap<>();

    @BeforeAll
    static void keysForEveryRole() {
        tenant = Api.newTenant("roles");
        assertThat(tenant.api().post("/purposes", "{\"key\":\"seeded\",\"name\":\"Seeded\"}").status()).isEqualTo(201);
        dsarId = tenant.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"s-1\"}")
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
    void everyGuardedEndpointHasARowAndEveryRowAnEndpoint() {
        assertThat(matrix()).hasSizeGreaterThan(40);
    }

    @Test
    void everyEndpointAllowsExactlyTheRolesWhosePermissionsIncludeIt() {
        List<Guarded> matrix = matrix();
        List<String> mismatches = new ArrayList<>();
        for (String role : ROLES) {
            for (Guarded g : matrix) {
                GuardedEndpoints.Endpoint e = g.endpoint();
                Api.Reply r = call(keys.get(role), e.method(), g.call(), role);
                boolean expected = permissions.get(role).contains(e.permission());
                boolean allowed = r.status() != 403;
                assertThat(r.status()).as("%s %s as %s: %s", e.method(), g.call().path(), role, r.raw().body()).isNotIn(401, 500);
                if (expected && e.key().equals("POST /purposes")) {
                    assertThat(r.status()).isEqualTo(201); // allowed calls really succeed, not merely pass the filter
                }
                if (expected != allowed) {
                    mismatches.add(role + " " + e.method() + " " + g.call().path() + " (" + e.permission() + "): " + r.status());
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
        assertThat(known).containsAll(GuardedEndpoints.all().stream().map(GuardedEndpoints.Endpoint::permission).toList());
    }

    @Test
    void aKeyCannotGrantMoreThanItsCreatorHolds() {
        Map<String, Long> before = BadInputIT.rowCountsOf(tenant.id());
        Api.Reply escalation = keys.get("IT").post("/api-keys", "{\"name\":\"sneaky\",\"role\":\"ADMIN\"}");
        assertThat(escalation.status()).isEqualTo(403);
        Api.Reply unknown = tenant.api().post("/api-keys", "{\"name\":\"x\",\"role\":\"GOD\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("role");
        assertThat(BadInputIT.rowCountsOf(tenant.id())).isEqualTo(before);
    }

    @Test
    void docsRolesMdIsTheDatabasesRoleTable() throws Exception {
        JsonNode catalogue = tenant.api().get("/roles").json();
        StringBuilder md = new StringBuilder("# Roles and permissions\n\n")
                .append("Generated from the database (the permission and role tables the migrations fill) by RoleMatrixIT;")
                .append(" each endpoint's permission is in README.md. ✓ = the role has the permission.\n\n| permission | ")
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

    private static Api.Reply call(Api api, String method, Call e, String role) {
        String path = e.path().replace("{dsar}", dsarId);
        if (path.contains("{throwaway}")) {
            String id = tenant.api().post("/api-keys", "{\"name\":\"throwaway\",\"role\":\"IT\"}").json().get("id").asText();
            path = path.replace("{throwaway}", id);
        }
        HttpRequest.Builder b = api.request(path);
        if (e.body() == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", e.contentType())
                    .method(method, HttpRequest.BodyPublishers.ofString(
                            e.body().replace("{role-lower}", role.toLowerCase()).replace("{role}", role)));
        }
        return api.send(b);
    }
}
