package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.custodia.identity.domain.TotpCodes;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sign-in under pressure: parallel failures and codes, unknown addresses, the back-off's bound, the failure log. */
@ExtendWith(ArquillianExtension.class)
class SignInHardeningIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static List<Api.Reply> inParallel(int n, Callable<Api.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Api.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(call);
            }
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : pool.invokeAll(calls)) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The consecutive failures recorded for the tenant's only address tried so far. */
    static int failuresOf(UUID tenant) throws Exception {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement ps = c.prepareStatement("select failures from app.sign_in_failure where tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                int failures = rs.getInt(1);
                assertThat(rs.next()).isFalse();
                return failures;
            }
        }
    }

    static Api.Reply signIn(Api.Tenant t, String email, String password) {
        return Api.anonymous().post("/auth/login", "{\"tenant\":\"" + t.slug() + "\",\"email\":\"" + email
                + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void parallelWrongPasswordsAllCountAndReachTheBackOff() throws Exception {
        Api.Tenant t = Api.newTenant("parallel-fail");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        List<Api.Reply> replies = inParallel(10, () -> signIn(t, a.email(), "not-the-password-at-all-42"));
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isIn(401, 429));
        long counted = replies.stream().filter(r -> r.status() == 401).count();
        assertThat(counted).isGreaterThanOrEqualTo(5); // the back-off starts after five failures
        assertThat(failuresOf(t.id())).isEqualTo((int) counted); // none lost
        assertThat(a.signIn("").status()).isEqualTo(429);
    }

    @Test
    void oneTotpCodeSignsInOnceEvenInParallel() throws Exception {
        Api.Tenant t = Api.newTenant("parallel-totp");
        Accounts.Account a = Accounts.invited(t, "APPROVER");
        Api session = a.session();
        String secret = session.post("/auth/mfa/totp", "").json().get("secret").asText();
        long step = TotpCodes.stepAt(Instant.now().getEpochSecond());
        assertThat(session.post("/auth/mfa/totp/confirm", "{\"code\":\"" + TotpCodes.codeAt(secret, step) + "\"}").status())
                .isEqualTo(200);
        String next = TotpCodes.codeAt(secret, step + 1);
        List<Api.Reply> replies = inParallel(5, () -> a.signIn(",\"totpCode\":\"" + next + "\""));
        assertThat(replies.stream().filter(r -> r.status() == 200).count()).isEqualTo(1);
        assertThat(replies.stream().filter(r -> r.status() == 401).count()).isEqualTo(4);
    }

    @Test
    void anUnknownAddressBacksOffExactlyLikeAKnownOne() throws Exception {
        Api.Tenant t = Api.newTenant("enumeration");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        String ghost = Accounts.uniqueEmail("ghost");
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            known.add(answer(signIn(t, a.email(), "not-the-password-at-all-42")));
            unknown.add(answer(signIn(t, ghost, "not-the-password-at-all-42")));
        }
        assertThat(unknown).isEqualTo(known);
        assertThat(known).containsExactly("401 invalid-credentials", "401 invalid-credentials", "401 invalid-credentials",
                "401 invalid-credentials", "401 invalid-credentials", "429 sign-in-backoff");
        Api.Reply knownWait = signIn(t, a.email(), a.password());
        Api.Reply unknownWait = signIn(t, ghost, a.password());
        assertThat(unknownWait.status()).isEqualTo(knownWait.status()).isEqualTo(429);
        assertThat(Long.parseLong(knownWait.header("Retry-After"))).isBetween(1L, 30L);
        assertThat(Long.parseLong(unknownWait.header("Retry-After"))).isBetween(1L, 30L);
    }

    /** Status and problem type, the part of an answer a caller can compare. */
    static String answer(Api.Reply r) {
        String type = r.json().path("type").asText();
        return r.status() + " " + type.substring(type.lastIndexOf('/') + 1);
    }

    @Test
    void theBackOffNeverLocksTheOwnerOutForMoreThanFifteenMinutes() throws Exception {
        Api.Tenant t = Api.newTenant("bounded");
        Accounts.Account a = Accounts.invited(t, "MANAGER");
        assertThat(signIn(t, a.email(), "not-the-password-at-all-42").status()).isEqualTo(401);
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); PreparedStatement ps = c.prepareStatement(
                "update app.sign_in_failure set failures = 100000 where tenant_id = ?")) {
            ps.setObject(1, t.id());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(signIn(t, a.email(), "not-the-password-at-all-42").status()).isEqualTo(401);
        Api.Reply waiting = a.signIn("");
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(Long.parseLong(waiting.header("Retry-After"))).isBetween(31L, 900L);
    }

    @Test
    void aPasswordResetForAKnownAddressIsMailedOffTheRequestPath() throws Exception {
        Api.Tenant t = Api.newTenant("reset-async");
        Accounts.Account a = Accounts.invited(t, "IT");
        // hold the user's row: writing a reset link (a foreign key to it) must wait for this transaction
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select 1 from app.app_user where id = ?::uuid for update")) {
                ps.setString(1, a.userId());
                ps.execute();
            }
            // answered while the work for the known address cannot have happened yet: it is not on the request path
            Api.Reply known = Api.anonymous().send(Api.anonymous().request("/auth/password-reset")
                    .timeout(java.time.Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"tenant\":\"" + t.slug() + "\",\"email\":\"" + a.email() + "\"}")));
            Api.Reply unknown = Api.anonymous().post("/auth/password-reset",
                    "{\"tenant\":\"" + t.slug() + "\",\"email\":\"" + Accounts.uniqueEmail("ghost") + "\"}");
            assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(202);
            assertThat(known.raw().body()).isEqualTo(unknown.raw().body());
            c.commit();
        }
        jakarta.mail.internet.MimeMessage mail = TestMailServer.awaitMessage(a.email(), 2, java.time.Duration.ofSeconds(20));
        assertThat(mail.getSubject()).contains("Reset");
        // a malformed address is refused the same way whether or not the organisation exists
        assertThat(Api.anonymous().post("/auth/password-reset", "{\"tenant\":\"" + t.slug() + "\",\"email\":\"nope\"}").status())
                .isEqualTo(Api.anonymous().post("/auth/password-reset", "{\"tenant\":\"no-such-org-x\",\"email\":\"nope\"}").status())
                .isEqualTo(422);
    }

    @Test
    void failedSignInsReachTheAuditChainOnlyAsAPeriodicSummary() throws Exception {
        Api.Tenant t = Api.newTenant("signin-log");
        Accounts.Account a = Accounts.invited(t, "IT");
        List<String> before = ConsentApiIT.eventTypes(t.api());
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(t, a.email(), "not-the-password-at-all-42").status()).isEqualTo(401);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(signIn(t, Accounts.uniqueEmail("ghost"), "whatever-it-is-77").status()).isEqualTo(401);
        }
        assertThat(ConsentApiIT.eventTypes(t.api())).isEqualTo(before); // nothing appended synchronously

        Api.Reply round = Api.admin().post("/admin/sign-ins/summarise", "");
        assertThat(round.status()).as(round.raw().body()).isEqualTo(200);
        assertThat(round.json().get("summariesAppended").asInt()).isGreaterThanOrEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode events = t.api().get("/audit/events?limit=1000").json();
        List<com.fasterxml.jackson.databind.JsonNode> summaries = new ArrayList<>();
        events.forEach(e -> {
            if (e.get("eventType").asText().equals("auth.failed_signins_summary")) {
                summaries.add(e);
            }
        });
        assertThat(summaries).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode payload = summaries.get(0).get("payload");
        assertThat(payload.get("failures").asInt()).isEqualTo(5);
        assertThat(payload.get("addresses").asInt()).isEqualTo(3);
        assertThat(payload.get("knownAccounts").asInt()).isEqualTo(1);
        assertThat(payload.get("failuresByUser").asText()).isEqualTo(a.userId() + ":3");
        assertThat(payload.toString()).doesNotContain(a.email());

        Api.admin().post("/admin/sign-ins/summarise", "");
        assertThat(ConsentApiIT.eventTypes(t.api()).stream().filter("auth.failed_signins_summary"::equals).count()).isEqualTo(1);
        assertThat(t.api().get("/audit/verify").json().get("intact").asBoolean()).isTrue();
    }
}
