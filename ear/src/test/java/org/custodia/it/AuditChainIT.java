package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/** The hash-chained audit log: append-only for the app role and by trigger; tampering is found and located. */
@ExtendWith(ArquillianExtension.class)
class AuditChainIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void anIntactChainVerifiesAndItsHeadIsTheLastEvent() {
        Api.Tenant t = tenantWithSixEvents("chain");
        JsonNode events = t.api().get("/audit/events?limit=1000").json();
        JsonNode verify = t.api().get("/audit/verify").json();
        assertThat(verify.get("intact").asBoolean()).isTrue();
        assertThat(verify.get("eventCount").asLong()).isEqualTo(events.size()).isEqualTo(6);
        assertThat(verify.get("headSeq").asLong()).isEqualTo(6);
        assertThat(verify.get("headHash").asText()).isEqualTo(events.get(5).get("eventHash").asText());
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).get("previousHash").asText()).isEqualTo(events.get(i - 1).get("eventHash").asText());
        }
        assertThat(verify.get("firstBrokenSeq").isNull()).isTrue();
    }

    @Test
    void theAppRoleCannotUpdateDeleteOrTruncateAuditEvents() throws SQLException {
        Api.Tenant t = tenantWithSixEvents("append-only");
        for (String sql : new String[] {
                "update app.audit_event set actor = 'someone else'",
                "delete from app.audit_event",
                "truncate app.audit_event"}) {
            try (Connection c = TestDatabase.app()) {
                c.setAutoCommit(false);
                RowLevelSecurityIT.bind(c, t.id());
                assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                }).as(sql).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                c.rollback();
            }
        }
        // the trigger refuses the owner too
        try (Connection c = TestDatabase.owner()) {
            c.setAutoCommit(false);
            RowLevelSecurityIT.bind(c, t.id());
            assertThatThrownBy(() -> {
                try (Statement s = c.createStatement()) {
                    s.execute("update app.audit_event set actor = 'owner' where seq = 1");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            c.rollback();
        }
        assertThat(t.api().get("/audit/verify").json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void theChainingFunctionRefusesArraysOfDifferentLengthsAndChainsNothing() throws SQLException {
        Api.Tenant t = tenantWithSixEvents("ragged");
        try (Connection c = TestDatabase.app()) {
            c.setAutoCommit(false);
            RowLevelSecurityIT.bind(c, t.id());
            assertThatThrownBy(() -> {
                try (Statement s = c.createStatement()) { // two event types, one of everything else
                    s.execute("select app.chain_audit_events('" + t.id() + "', now(), array['a.one', 'a.two'], array['x'],"
                            + " array['1'], array['it'], array['r'], array['{}'], array['{'], array[','], array['}'])");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("every array must hold 2 elements");
            c.rollback();
        }
        JsonNode verify = t.api().get("/audit/verify").json();
        assertThat(verify.get("intact").asBoolean()).isTrue();
        assertThat(verify.get("eventCount").asLong()).isEqualTo(6);
    }

    @Test
    void aRowAlteredByTheOwnerBreaksTheChainAtThatSequenceNumber() throws SQLException {
        Api.Tenant victim = tenantWithSixEvents("victim");
        Api.Tenant bystander = tenantWithSixEvents("bystander");
        try (Connection c = TestDatabase.owner()) {
            c.setAutoCommit(false);
            RowLevelSecurityIT.bind(c, victim.id());
            try (Statement s = c.createStatement()) {
                s.execute("alter table app.audit_event disable trigger audit_event_append_only");
                assertThat(s.executeUpdate("update app.audit_event set payload = '{\"key\":\"forged\"}' where seq = 3"))
                        .isEqualTo(1);
                s.execute("alter table app.audit_event enable trigger audit_event_append_only");
            }
            c.commit();
        }
        JsonNode verify = victim.api().get("/audit/verify").json();
        assertThat(verify.get("intact").asBoolean()).isFalse();
        assertThat(verify.get("firstBrokenSeq").asLong()).isEqualTo(3);
        assertThat(bystander.api().get("/audit/verify").json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aDeletedLastEventIsFound() throws SQLException {
        Api.Tenant victim = tenantWithSixEvents("truncated");
        try (Connection c = TestDatabase.owner()) {
            c.setAutoCommit(false);
            RowLevelSecurityIT.bind(c, victim.id());
            try (Statement s = c.createStatement()) {
                s.execute("alter table app.audit_event disable trigger audit_event_append_only");
                assertThat(s.executeUpdate("delete from app.audit_event where seq = 6")).isEqualTo(1);
                s.execute("alter table app.audit_event enable trigger audit_event_append_only");
            }
            c.commit();
        }
        JsonNode verify = victim.api().get("/audit/verify").json();
        assertThat(verify.get("intact").asBoolean()).isFalse();
        assertThat(verify.get("firstBrokenSeq").asLong()).isEqualTo(6);
        assertThat(verify.get("eventCount").asLong()).isEqualTo(5);
    }

    @Test
    void concurrentWritersLeaveOneGapFreeChainWithEveryEventOnce() throws Exception {
        Api.Tenant t = tenantWithSixEvents("concurrent");
        int writers = 6;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        statuses.add(t.api().post("/consents", "{\"subject\":\"w" + writer + "-" + i
                                + "\",\"purpose\":\"ads\",\"action\":\"grant\"}").status());
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> r : results) {
                assertThat(r.get(2, TimeUnit.MINUTES)).containsOnly(201);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode events = t.api().get("/audit/events?limit=1000").json();
        assertThat(events.size()).isEqualTo(6 + writers * each);
        Set<String> grantedEvents = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("seq").asLong()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(events.get(i).get("previousHash").asText()).isEqualTo(events.get(i - 1).get("eventHash").asText());
            }
            if (i >= 6) {
                assertThat(events.get(i).get("eventType").asText()).isEqualTo("consent.granted");
                grantedEvents.add(events.get(i).get("entityId").asText());
            }
        }
        assertThat(grantedEvents).hasSize(writers * each);
        JsonNode verify = t.api().get("/audit/verify").json();
        assertThat(verify.get("intact").asBoolean()).isTrue();
        assertThat(verify.get("headSeq").asLong()).isEqualTo(6 + writers * each);
    }

    /** tenant.created, tenant.signing_key.created, api_key.created, consent.purpose.defined, .granted, .withdrawn */
    private static Api.Tenant tenantWithSixEvents(String label) {
        Api.Tenant t = Api.newTenant(label);
        assertThat(t.api().post("/purposes", "{\"key\":\"ads\",\"name\":\"Ads\"}").status()).isEqualTo(201);
        assertThat(t.api().post("/consents", "{\"subject\":\"s-1\",\"purpose\":\"ads\",\"action\":\"grant\"}").status())
                .isEqualTo(201);
        assertThat(t.api().post("/consents", "{\"subject\":\"s-1\",\"purpose\":\"ads\",\"action\":\"withdraw\"}").status())
                .isEqualTo(201);
        return t;
    }
}
