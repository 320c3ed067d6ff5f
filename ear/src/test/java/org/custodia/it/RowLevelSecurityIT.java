package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Row-level security, straight against PostgreSQL as the application role, over every table that has a
 * tenant_id column: tenant A bound sees, inserts, updates and deletes nothing of tenant B; no tenant
 * bound sees nothing at all.
 */
class RowLevelSecurityIT {

    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();

    /** One row per tenant table, written as the app role with the tenant bound; %1$s is the tenant id. */
    static final Map<String, List<String>> SEED = new LinkedHashMap<>();

    static {
        SEED.put("tenant", List.of("insert into app.tenant values ('%1$s', 'rls-' || left('%1$s', 8), 'RLS', now())"));
        SEED.put("api_key", List.of("insert into app.api_key (id, tenant_id, name, prefix, secret_hash, last4, created_at,"
                + " created_by, role) values (gen_random_uuid(), '%1$s', 'k', left(md5(random()::text), 8),"
                + " md5(random()::text) || md5(random()::text), 'abcd', now(), 'test', 'IT')"));
        SEED.put("audit_chain_head", List.of("insert into app.audit_chain_head values ('%1$s', 1, 'h')"));
        SEED.put("audit_event", List.of("insert into app.audit_event values ('%1$s', 1, 't', 'e', 'i', 'test', null,"
                + " '{}', repeat('0', 64), 'h', now())"));
        SEED.put("tenant_signing_key", List.of("insert into app.tenant_signing_key values (gen_random_uuid(), '%1$s',"
                + " 'kek', '\\x00', '\\x00', 'EC', '\\x00', now(), null)"));
        SEED.put("audit_checkpoint", List.of("insert into app.audit_checkpoint select gen_random_uuid(), '%1$s', 1, 'h',"
                + " now(), id, '\\x00' from app.tenant_signing_key where tenant_id = '%1$s'"));
        SEED.put("tenant_rate_limit", List.of("insert into app.tenant_rate_limit values ('%1$s', 10, 10, now())"));
        SEED.put("idempotency_key", List.of("insert into app.idempotency_key values ('%1$s', 'k-1', gen_random_uuid(),"
                + " 'h', 201, 'application/json', '{}', now(), now() + interval '1 day')"));
        SEED.put("consent_purpose", List.of("insert into app.consent_purpose values (gen_random_uuid(), '%1$s', 'p', 'P',"
                + " null, 1, now(), now())"));
        SEED.put("consent_event", List.of("insert into app.consent_event select gen_random_uuid(), '%1$s', 's', id, 1,"
                + " 'GRANTED', 'api', 'test', null, now() from app.consent_purpose where tenant_id = '%1$s'"));
        SEED.put("consent_state", List.of("insert into app.consent_state select '%1$s', 's', purpose_id, 'GRANTED', 1, id,"
                + " now() from app.consent_event where tenant_id = '%1$s'"));
        SEED.put("tenant_role", List.of("insert into app.tenant_role values ('%1$s', 'custom', 'd', now())"));
        SEED.put("tenant_role_permission", List.of("insert into app.tenant_role_permission values ('%1$s', 'custom', 'dsar:view')"));
        SEED.put("tenant_security", List.of("insert into app.tenant_security values ('%1$s', true, '[]', now())"));
        SEED.put("tenant_privacy", List.of("insert into app.tenant_privacy values ('%1$s', 'EU', now())"));
        SEED.put("tenant_calendar", List.of("insert into app.tenant_calendar values ('%1$s', 'Europe/Berlin', 'DE', 'BY', now())"));
        SEED.put("tenant_oidc", List.of("insert into app.tenant_oidc values ('%1$s', 'https://idp/%1$s', 'c', null, 'c', 'groups',"
                + " '{}', 'IT', 'openid', now())"));
        SEED.put("app_user", List.of("insert into app.app_user (id, tenant_id, email, role, status, created_at) values"
                + " (gen_random_uuid(), '%1$s', 'u@example.org', 'IT', 'ACTIVE', now())"));
        SEED.put("user_recovery_code", List.of("insert into app.user_recovery_code select '%1$s', id, md5(random()::text), null"
                + " from app.app_user where tenant_id = '%1$s'"));
        SEED.put("user_token", List.of("insert into app.user_token select md5(random()::text), '%1$s', id, 'INVITATION', null,"
                + " now(), now() + interval '1 day', null from app.app_user where tenant_id = '%1$s'"));
        SEED.put("user_session", List.of("insert into app.user_session select gen_random_uuid(), '%1$s', id, md5(random()::text),"
                + " 'PASSWORD', true, now(), now() + interval '1 hour', null, null, null from app.app_user where tenant_id = '%1$s'"));
        SEED.put("sso_link", List.of("insert into app.sso_link select md5(random()::text), '%1$s', id, 'https://idp', 's', now(),"
                + " now() + interval '1 day', null from app.app_user where tenant_id = '%1$s'"));
        SEED.put("user_device", List.of("insert into app.user_device select gen_random_uuid(), '%1$s', id,"
                + " md5(random()::text) || md5(random()::text), now(), now() from app.app_user where tenant_id = '%1$s'"));
        SEED.put("sign_in_failure", List.of("insert into app.sign_in_failure (tenant_id, address_hash, failures, last_failure_at)"
                + " values ('%1$s', repeat('a', 64), 1, now())"));
        SEED.put("oidc_login", List.of("insert into app.oidc_login values (md5(random()::text), '%1$s', '\\x00', 'n', '/', now(),"
                + " now() + interval '10 minutes', null)"));
        SEED.put("mail_outbox", List.of("insert into app.mail_outbox (id, tenant_id, recipient, subject, body, created_at,"
                + " next_try_at) values (gen_random_uuid(), '%1$s', '\\x00', 's', '\\x00', now(), now())"));
        SEED.put("consent_notice", List.of("insert into app.consent_notice select gen_random_uuid(), '%1$s', id, 1, '{}',"
                + " repeat('a', 64), now(), 'test' from app.consent_purpose where tenant_id = '%1$s'"));
        SEED.put("tenant_secret", List.of("insert into app.tenant_secret values ('%1$s', 'k', '\\x00', now())"));
        SEED.put("consent_subject", List.of("insert into app.consent_subject values ('%1$s', 's', '\\x00', 'i', now())"));
        SEED.put("consent_withdrawal_link", List.of("insert into app.consent_withdrawal_link select md5(random()::text), '%1$s', 's', id,"
                + " now(), null from app.consent_purpose where tenant_id = '%1$s'"));
        SEED.put("consent_import", List.of("insert into app.consent_import (id, tenant_id, format, status, started_at, started_by)"
                + " values (gen_random_uuid(), '%1$s', 'csv', 'RUNNING', now(), 'test')"));
        SEED.put("dsar_request", List.of("insert into app.dsar_request values (gen_random_uuid(), '%1$s', 'ACCESS',"
                + " 'EU_GDPR', 's', now(), now(), now(), 'RECEIVED', null, now())"));
        SEED.put("task_decision", List.of("insert into app.task_decision (id, tenant_id, task_id, process_instance_id, process_key,"
                + " business_key, decision, reason, decided_by, decided_at) values (gen_random_uuid(), '%1$s', 't-' || left('%1$s', 8),"
                + " 'p-1', 'dsar', 'b-1', 'REJECT', 'r', 'u', now())"));
        SEED.put("dsar_extension", List.of("insert into app.dsar_extension select id, '%1$s', 'r', now(), 't', now(), now(), now()"
                + " from app.dsar_request where tenant_id = '%1$s'"));
        SEED.put("dsar_pause", List.of("insert into app.dsar_pause select gen_random_uuid(), '%1$s', id, current_date, current_date,"
                + " 't', now(), now(), now() from app.dsar_request where tenant_id = '%1$s'"));
        SEED.put("connector", List.of("insert into app.connector (id, tenant_id, name, kind, enabled, endpoint_url, created_at,"
                + " updated_at) values (gen_random_uuid(), '%1$s', 'c', 'HTTP', false, 'https://example.org', now(), now())"));
        SEED.put("connector_callback", List.of("insert into app.connector_callback (tenant_id, connector_id, webhook_id, dsar_id,"
                + " received_at) select '%1$s', id, 'msg_1', gen_random_uuid(), now() from app.connector where tenant_id = '%1$s'"));
        SEED.put("dsar_discovery_step", List.of("insert into app.dsar_discovery_step (tenant_id, dsar_id, connector_id, status,"
                + " updated_at) select '%1$s', id, gen_random_uuid(), 'PENDING', now() from app.dsar_request where tenant_id = '%1$s'"));
        SEED.put("dsar_discovery_result", List.of("insert into app.dsar_discovery_result select '%1$s', id, gen_random_uuid(), 'c',"
                + " 0, '\\x00', now() from app.dsar_request where tenant_id = '%1$s'"));
        SEED.put("sla_timing", List.of("insert into app.sla_timing values ('%1$s', 'dsar', '*', 'P7D', 'P2D', now())"));
        SEED.put("dsar_contact", List.of("insert into app.dsar_contact (dsar_id, tenant_id, created_at) select id, '%1$s', now()"
                + " from app.dsar_request where tenant_id = '%1$s'"));
        SEED.put("dsar_identity_token", List.of("insert into app.dsar_identity_token select md5(random()::text) || md5(random()::text),"
                + " '%1$s', id, now(), now(), null from app.dsar_request where tenant_id = '%1$s'"));
        SEED.put("dsar_intake_setting", List.of("insert into app.dsar_intake_setting values ('%1$s', 'P7D', 'P30D', now())"));
        SEED.put("tenant_mail_setting", List.of("insert into app.tenant_mail_setting values ('%1$s', 'de', now())"));
        SEED.put("dsar_package", List.of("insert into app.dsar_package select id, '%1$s', '\\x00', repeat('a', 64), 1, '\\x00',"
                + " repeat('b', 64), 1, 0, 0, false, 1, now() from app.dsar_request where tenant_id = '%1$s'"));
        SEED.put("dsar_download_token", List.of("insert into app.dsar_download_token select md5(random()::text) || md5(random()::text),"
                + " '%1$s', id, now(), now(), null from app.dsar_request where tenant_id = '%1$s'"));
        SEED.put("dsar_status_token", List.of("insert into app.dsar_status_token select md5(random()::text) || md5(random()::text),"
                + " '%1$s', id, now(), now(), null from app.dsar_request where tenant_id = '%1$s'"));
        SEED.put("webhook_subscription", List.of("insert into app.webhook_subscription (id, tenant_id, url, event_types, secret_sealed,"
                + " status, created_at, updated_at) values (gen_random_uuid(), '%1$s', 'https://hooks.example.org/x', '[\"*\"]', '\\x00',"
                + " 'ACTIVE', now(), now())"));
        SEED.put("webhook_delivery", List.of("insert into app.webhook_delivery (id, tenant_id, subscription_id, event_id, event_type,"
                + " payload, created_at, status, next_attempt_at) select gen_random_uuid(), '%1$s', id, gen_random_uuid(), 'webhook.ping',"
                + " '{}', now(), 'DELIVERED', now() from app.webhook_subscription where tenant_id = '%1$s'"));
        SEED.put("webhook_attempt", List.of("insert into app.webhook_attempt select id, '%1$s', 1, now(), 200, 5, '', ''"
                + " from app.webhook_delivery where tenant_id = '%1$s'"));
        SEED.put("processing_system", List.of("insert into app.processing_system values (gen_random_uuid(), '%1$s', 'HR', null, 'DE',"
                + " now(), now())"));
        SEED.put("retention_policy", List.of("insert into app.retention_policy values (gen_random_uuid(), '%1$s', 'tax-10y', 'Books',"
                + " 'P10Y', 'END_OF_YEAR', 'ERASE', null, null, now(), now())"));
        SEED.put("processing_activity", List.of("insert into app.processing_activity (id, tenant_id, reference, name, role, status,"
                + " version, content, gaps, created_at, updated_at) values (gen_random_uuid(), '%1$s', 'PA-1', 'Payroll', 'CONTROLLER',"
                + " 'DRAFT', 1, '{}', 0, now(), now())"));
        SEED.put("processing_activity_version", List.of("insert into app.processing_activity_version select '%1$s', id, 1, '{}', 'test',"
                + " now() from app.processing_activity where tenant_id = '%1$s'"));
        SEED.put("dpia_template", List.of("insert into app.dpia_template values (gen_random_uuid(), '%1$s', 'art35', 2, 'T', '[]',"
                + " now(), 'test')"));
        SEED.put("dpia", List.of("insert into app.dpia (id, tenant_id, reference, activity_id, title, status, criteria, article35_cases,"
                + " screening_outcome, screening_because, template_key, template_version, answers, created_at, updated_at) select"
                + " gen_random_uuid(), '%1$s', 'D-1', id, 'T', 'IN_PROGRESS', '[]', '[]', 'REQUIRED', 'r', 'art35', 1, '{}', now(), now()"
                + " from app.processing_activity where tenant_id = '%1$s'"));
        SEED.put("risk_settings", List.of("insert into app.risk_settings values ('%1$s', '[]', now())"));
        SEED.put("risk", List.of("insert into app.risk (id, tenant_id, reference, title, inherent_likelihood, inherent_impact, status,"
                + " source, created_at, updated_at) values (gen_random_uuid(), '%1$s', 'R-1', 'Breach', 3, 4, 'OPEN', 'manual', now(), now())"));
        SEED.put("risk_activity", List.of("insert into app.risk_activity select '%1$s', r.id, a.id from app.risk r, app.processing_activity a"
                + " where r.tenant_id = '%1$s' and a.tenant_id = '%1$s'"));
        SEED.put("risk_treatment", List.of("insert into app.risk_treatment (id, tenant_id, risk_id, strategy, description, status,"
                + " created_at, updated_at) select gen_random_uuid(), '%1$s', id, 'MITIGATE', 'encrypt', 'PLANNED', now(), now()"
                + " from app.risk where tenant_id = '%1$s'"));
        SEED.put("consent_manage_token", List.of("insert into app.consent_manage_token values (md5(random()::text) || md5(random()::text),"
                + " '%1$s', repeat('e', 43), now(), now())"));
    }

    @BeforeAll
    static void seedTwoTenants() throws SQLException {
        for (UUID tenant : List.of(A, B)) {
            try (Connection c = TestDatabase.app()) {
                c.setAutoCommit(false);
                bind(c, tenant);
                try (Statement s = c.createStatement()) {
                    for (List<String> statements : SEED.values()) {
                        for (String sql : statements) {
                            s.execute(String.format(sql, tenant));
                        }
                    }
                }
                c.commit();
            }
        }
    }

    static List<String> tenantTables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                     + " join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped"
                     + " where n.nspname = 'app' and c.relkind = 'r' order by 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    @Test
    void everyTenantTableIsSeededAndUnderForcedRowLevelSecurity() throws SQLException {
        assertThat(tenantTables()).containsExactlyInAnyOrderElementsOf(SEED.keySet());
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select c.relname, c.relrowsecurity, c.relforcerowsecurity,"
                     + " exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')"
                     + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'app'"
                     + " and c.relkind = 'r'")) {
            java.util.Set<String> global = new java.util.TreeSet<>();
            while (rs.next()) {
                if (!rs.getBoolean(4)) {
                    global.add(rs.getString(1));
                    continue;
                }
                assertThat(rs.getBoolean(2)).as("RLS enabled on %s", rs.getString(1)).isTrue();
                assertThat(rs.getBoolean(3)).as("RLS forced on %s", rs.getString(1)).isTrue();
            }
            // a table without tenant_id must be one of the known global catalogues, never tenant data
            assertThat(global).containsExactlyInAnyOrder("flyway_schema_history", "permission", "role", "role_permission",
                    "notice_language");
        }
    }

    @Test
    void theAppRoleOwnsNothingAndCannotBypassRowLevelSecurity() throws SQLException {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select rolbypassrls, rolsuper, (select count(*) from pg_class c join pg_roles o"
                     + " on o.oid = c.relowner where o.rolname = 'custodia_app') from pg_roles where rolname = 'custodia_app'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isFalse();
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getLong(3)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("tenantTables")
    void tenantABoundSeesOnlyItsOwnRows(String table) throws SQLException {
        try (Connection c = TestDatabase.app()) {
            c.setAutoCommit(false);
            bind(c, A);
            assertThat(count(c, "select count(*) from app." + table + " where tenant_id = '" + B + "'")).isZero();
            long all = count(c, "select count(*) from app." + table);
            assertThat(all).isPositive()
                    .isEqualTo(count(c, "select count(*) from app." + table + " where tenant_id = '" + A + "'"));
            c.rollback();
        }
    }

    @ParameterizedTest
    @MethodSource("tenantTables")
    void noTenantBoundSeesNothing(String table) throws SQLException {
        try (Connection c = TestDatabase.app()) {
            c.setAutoCommit(false);
            assertThat(count(c, "select count(*) from app." + table)).isZero();
            c.rollback();
        }
        try (Connection c = TestDatabase.app()) {
            c.setAutoCommit(true); // and outside any explicit transaction
            assertThat(count(c, "select count(*) from app." + table)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("tenantTables")
    void tenantABoundCannotInsertForB(String table) throws SQLException {
        // copy one of A's own rows, re-labelled as B's (and given a fresh id where the table has one)
        String sql = "insert into app." + table + " select (jsonb_populate_record(null::app." + table
                + ", to_jsonb(t) || jsonb_build_object('tenant_id', '" + B + "', 'id', gen_random_uuid()))).* from app."
                + table + " t limit 1";
        assertRefused(A, sql);
    }

    @ParameterizedTest
    @MethodSource("tenantTables")
    void tenantABoundCannotUpdateOrDeleteBsRows(String table) throws SQLException {
        long before = rowsOf(B, table);
        assertNoEffectOrRefused(A, "update app." + table + " set tenant_id = tenant_id where tenant_id = '" + B + "'");
        assertNoEffectOrRefused(A, "delete from app." + table + " where tenant_id = '" + B + "'");
        // and cannot move its own rows to B
        assertRefused(A, "update app." + table + " set tenant_id = '" + B + "' where tenant_id = '" + A + "'");
        assertThat(rowsOf(B, table)).isEqualTo(before).isPositive();
    }

    private static void assertRefused(UUID bound, String sql) throws SQLException {
        try (Connection c = TestDatabase.app()) {
            c.setAutoCommit(false);
            bind(c, bound);
            assertThatThrownBy(() -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate(sql);
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            c.rollback();
        }
    }

    private static void assertNoEffectOrRefused(UUID bound, String sql) throws SQLException {
        try (Connection c = TestDatabase.app()) {
            c.setAutoCommit(false);
            bind(c, bound);
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate(sql)).isZero();
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("42501"); // no privilege at all (append-only tables)
            }
            c.commit();
        }
    }

    private static long rowsOf(UUID tenant, String table) throws SQLException {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE)) {
            return count(c, "select count(*) from app." + table + " where tenant_id = '" + tenant + "'");
        }
    }

    static void bind(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('app.current_tenant_id', ?, true)")) {
            ps.setString(1, tenant.toString());
            ps.execute();
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
