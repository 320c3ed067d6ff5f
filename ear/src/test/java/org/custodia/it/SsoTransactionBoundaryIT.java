package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.custodia.platform.schema.DatabaseSetup;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No network call inside a database transaction: while a slow identity provider keeps the server
 * waiting (discovery at settings save, the token endpoint at the sign-in callback), no connection of
 * the application sits idle in a transaction. Before the fix both waits held a pooled connection in an
 * open transaction (the callback even held a row lock on the login state).
 */
@ExtendWith(ArquillianExtension.class)
class SsoTransactionBoundaryIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    /** Application connections idle in a transaction for more than a second. */
    static int idleInTransaction() throws Exception {
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from pg_stat_activity where usename = '" + DatabaseSetup.APP_ROLE
                     + "' and state like 'idle in transaction%' and state_change < now() - interval '1 second'")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void savingSettingsWaitsForDiscoveryOutsideATransaction() throws Exception {
        Api.Tenant t = Api.newTenant("tx-save");
        CountDownLatch accepted = new CountDownLatch(1);
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepted, never answered
                        accepted.countDown();
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.start();
            CompletableFuture<Api.Reply> save = CompletableFuture.supplyAsync(() -> t.api().put("/settings/sso",
                    "{\"issuer\":\"http://127.0.0.1:" + silent.getLocalPort() + "/slow\",\"clientId\":\"tx-" + t.slug()
                            + "\",\"roleClaim\":\"groups\",\"roleMapping\":{\"a\":\"AUDITOR\"}}"));
            assertThat(accepted.await(20, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(2_000);
            assertThat(idleInTransaction()).as("connections idle in a transaction while the provider is slow").isZero();
            Api.Reply r = save.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void theCallbackWaitsForTheTokenEndpointOutsideATransaction() throws Exception {
        Api.Tenant t = Api.newTenant("tx-callback");
        CountDownLatch tokenRequested = new CountDownLatch(1);
        HttpServer provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/cb";
        provider.createContext("/cb/.well-known/openid-configuration", exchange -> answer(exchange, 200, "{\"issuer\":\"" + issuer
                + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\""
                + issuer + "/jwks\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        provider.createContext("/cb/token", exchange -> {
            tokenRequested.countDown();
            try {
                Thread.sleep(3_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
        });
        provider.start();
        try {
            Api.Reply saved = t.api().put("/settings/sso", "{\"issuer\":\"" + issuer + "\",\"clientId\":\"tx-" + t.slug()
                    + "\",\"roleClaim\":\"groups\",\"roleMapping\":{\"a\":\"AUDITOR\"}}");
            assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
            Api.Reply start = Api.anonymous().get("/auth/oidc/" + t.slug() + "/login");
            assertThat(start.status()).isEqualTo(303);
            String query = URI.create(start.header("Location")).getRawQuery();
            String state = java.util.Arrays.stream(query.split("&")).filter(p -> p.startsWith("state=")).findFirst().orElseThrow().substring(6);
            String cookie = start.raw().headers().allValues("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';')))
                    .reduce((a, b) -> a + "; " + b).orElse(null);
            CompletableFuture<Api.Reply> callback = CompletableFuture.supplyAsync(() -> {
                var request = Api.anonymous().request("/auth/oidc/" + t.slug() + "/callback?code=abc&state=" + state);
                if (cookie != null) {
                    request.header("Cookie", cookie);
                }
                return Api.anonymous().send(request.GET());
            });
            assertThat(tokenRequested.await(20, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(1_800);
            assertThat(idleInTransaction()).as("connections idle in a transaction during the token exchange").isZero();
            Api.Reply r = callback.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(502);
            assertThat(r.json().get("detail").asText()).doesNotContain("Exception");
        } finally {
            provider.stop(0);
        }
    }

    static void answer(HttpExchange exchange, int status, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
