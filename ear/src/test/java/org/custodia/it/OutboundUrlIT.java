package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbound guard on the server. The IT server runs with the development allowance (loopback and
 * HTTP allowed, for the mock provider), so what it can show here is: one generic error for any
 * unreachable issuer (no exception class, no port oracle), and a discovery document whose URLs point
 * at a refused address (the server's own management port) is refused before anything is fetched
 * from them. The full address policy is unit-tested (OutboundUrlGuardTest).
 */
@ExtendWith(ArquillianExtension.class)
class OutboundUrlIT {

    static HttpServer provider;
    static String base;
    /** Discovery documents by first path segment: each issuer has its own, so no failure memory is shared. */
    static final Map<String, String> documents = new ConcurrentHashMap<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @BeforeAll
    static void start() throws Exception {
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().split("/")[1];
            String doc = documents.get(name);
            if (doc == null || !exchange.getRequestURI().getPath().endsWith("/.well-known/openid-configuration")) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        provider.start();
        base = "http://127.0.0.1:" + provider.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        provider.stop(0);
    }

    static String discovery(String issuer, String jwksUri, String tokenEndpoint) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"token_endpoint\":\""
                + tokenEndpoint + "\",\"jwks_uri\":\"" + jwksUri + "\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    static Api.Reply save(Api.Tenant t, String issuerUrl) {
        return t.api().put("/settings/sso", "{\"issuer\":\"" + issuerUrl + "\",\"clientId\":\"outbound-" + t.slug()
                + "\",\"roleClaim\":\"groups\",\"roleMapping\":{\"a\":\"AUDITOR\"}}");
    }

    static void assertGenericRefusal(Api.Reply r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("issuer");
        assertThat(r.json().get("errors").get(0).get("reason").asText()).isEqualTo("the provider could not be reached");
        assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("refused").doesNotContain("timed out");
    }

    @Test
    void everyUnreachableIssuerGetsTheSameGenericAnswer() {
        Api.Tenant t = Api.newTenant("outbound");
        String management = ItEnvironment.required("custodia.it.management.port");
        for (String unreachable : new String[] {
                "http://127.0.0.1:1/closed",                        // closed port
                "http://127.0.0.1:" + management + "/management",   // the server's own management interface
                "http://169.254.169.254/latest",                    // cloud metadata: refused even with the allowance
                "http://2130706433:8080/x",                         // a numeric trick
                "http://good@127.0.0.1:1/x"}) {                     // user info
            assertGenericRefusal(save(t, unreachable));
        }
        assertThat(t.api().get("/settings/sso").status()).isEqualTo(404);
    }

    @Test
    void aDiscoveryDocumentPointingJwksOrTokenEndpointAtARefusedAddressIsRefusedAndNothingIsSaved() {
        String management = "http://127.0.0.1:" + ItEnvironment.required("custodia.it.management.port");
        Api.Tenant t = Api.newTenant("outbound-doc");
        String good = base + "/good-" + t.slug();
        documents.put("good-" + t.slug(), discovery(good, good + "/jwks", good + "/token"));
        String tokenAtManagement = base + "/token-" + t.slug();
        documents.put("token-" + t.slug(), discovery(tokenAtManagement, tokenAtManagement + "/jwks", management + "/management"));
        String jwksAtMetadata = base + "/jwks-" + t.slug();
        documents.put("jwks-" + t.slug(), discovery(jwksAtMetadata, "http://169.254.169.254/keys", jwksAtMetadata + "/token"));
        String jwksAtManagement = base + "/jwksm-" + t.slug();
        documents.put("jwksm-" + t.slug(), discovery(jwksAtManagement, management + "/keys", jwksAtManagement + "/token"));

        assertGenericRefusal(save(t, tokenAtManagement));
        assertGenericRefusal(save(t, jwksAtMetadata));
        assertGenericRefusal(save(t, jwksAtManagement));
        assertThat(t.api().get("/settings/sso").status()).isEqualTo(404);
        // the same provider with honest URLs is accepted: the refusals above were the document's URLs
        Api.Reply saved = save(t, good);
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
    }
}
