package org.custodia.identity.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

import org.custodia.platform.outbound.OutboundHttp;
import org.custodia.platform.outbound.OutboundPolicy;
import org.custodia.platform.outbound.OutboundUrlGuard;
import org.custodia.platform.outbound.RefusedUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery through the outbound guard, against a provider on loopback (allowed by the development
 * allowance, as in the integration tests): the document's own URLs are checked too, and a failed
 * discovery is remembered so a dead provider is not asked on every request.
 */
class OidcProvidersTest {

    static final int MANAGEMENT_PORT = 10290;

    HttpServer server;
    String issuer;
    final AtomicReference<String> document = new AtomicReference<>();
    final AtomicInteger discoveries = new AtomicInteger();
    final AtomicLong now = new AtomicLong(1_000_000);
    OidcProviders providers;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/idp/.well-known/openid-configuration", exchange -> {
            discoveries.incrementAndGet();
            String body = document.get();
            if (body == null) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/idp";
        providers = new OidcProviders();
        providers.http = new OutboundHttp(new OutboundUrlGuard(new OutboundPolicy(true, Set.of(MANAGEMENT_PORT)), InetAddress::getAllByName));
        providers.clock = now::get;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String discovery(String jwksUri, String tokenEndpoint, String endSession) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"token_endpoint\":\""
                + tokenEndpoint + "\",\"jwks_uri\":\"" + jwksUri + "\"" + (endSession == null ? "" : ",\"end_session_endpoint\":\"" + endSession + "\"")
                + ",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    @Test
    void aDocumentWhoseUrlsAreAllowedIsAccepted() throws Exception {
        document.set(discovery(issuer + "/jwks", issuer + "/token", issuer + "/endsession"));
        assertThat(providers.discover(issuer).metadata().getTokenEndpointURI().toString()).isEqualTo(issuer + "/token");
    }

    @Test
    void aDocumentPointingJwksOrTokenEndpointOrEndSessionAtARefusedAddressIsRefused() {
        String management = "http://127.0.0.1:" + MANAGEMENT_PORT + "/management";
        for (String[] urls : new String[][] {
                {management, issuer + "/token", null},
                {issuer + "/jwks", management, null},
                {issuer + "/jwks", "http://169.254.169.254/latest/meta-data/iam", null},
                {"http://[::ffff:a9fe:a9fe]/keys", issuer + "/token", null},
                {issuer + "/jwks", issuer + "/token", "http://0.0.0.0:8080/logout"}}) {
            document.set(discovery(urls[0], urls[1], urls[2]));
            now.addAndGet(OidcProviders.FAILURE_TTL_MS); // past any remembered failure
            assertThatThrownBy(() -> providers.discover(issuer)).as(String.join(" ", String.valueOf(urls[0]), urls[1]))
                    .isInstanceOf(RefusedUrl.class);
        }
    }

    @Test
    void aFailedDiscoveryIsRememberedForThirtySeconds() throws Exception {
        assertThatThrownBy(() -> providers.provider(issuer)).isInstanceOf(RefusedUrl.class);
        assertThat(discoveries).hasValue(1);
        document.set(discovery(issuer + "/jwks", issuer + "/token", null)); // the provider is back
        assertThatThrownBy(() -> providers.provider(issuer)).isInstanceOf(RefusedUrl.class);
        assertThatThrownBy(() -> providers.discover(issuer)).isInstanceOf(RefusedUrl.class);
        assertThat(discoveries).as("not asked again while the failure is remembered").hasValue(1);
        now.addAndGet(OidcProviders.FAILURE_TTL_MS);
        assertThat(providers.provider(issuer).metadata().getIssuer().getValue()).isEqualTo(issuer);
        assertThat(discoveries).hasValue(2);
        providers.provider(issuer);
        assertThat(discoveries).as("a good document is cached").hasValue(2);
    }

    @Test
    void aDocumentNamingAnotherIssuerIsRefused() {
        document.set(discovery(issuer + "/jwks", issuer + "/token", null).replace("\"issuer\":\"" + issuer, "\"issuer\":\"https://evil.example"));
        assertThatThrownBy(() -> providers.discover(issuer)).isInstanceOf(RefusedUrl.class);
    }
}
