package org.custodia.identity.infrastructure;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import org.custodia.platform.outbound.OutboundHttp;
import org.custodia.platform.outbound.RefusedUrl;
import org.jboss.logging.Logger;
import org.custodia.platform.config.Setting;

/**
 * Identity providers as this node knows them: discovery documents and JWK sets, fetched over HTTP and
 * cached per issuer. The JWK source refetches when a token names a key it does not hold (key rotation),
 * at most once per {@code CUSTODIA_OIDC_JWKS_MIN_REFRESH_MS} (default 5 s), so junk tokens cannot make
 * it hammer the provider.
 */
@ApplicationScoped
public class OidcProviders {

    private static final Logger LOG = Logger.getLogger(OidcProviders.class);

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.EdDSA);
    static final long DISCOVERY_TTL_MS = 3_600_000;
    static final int TIMEOUT_MS = 5_000;

    /** A provider's discovery document and its cached JWK set. */
    public record Provider(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, long loadedAt) {

        public JWSVerificationKeySelector<SecurityContext> keySelector() {
            return new JWSVerificationKeySelector<>(ALGORITHMS, keys);
        }
    }

    /** A token that is not acceptable: bad signature, unknown key, wrong issuer or audience, expired. */
    public static class RejectedToken extends Exception {
        public RejectedToken(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private final Map<String, Provider> providers = new ConcurrentHashMap<>();
    /** When discovery of an issuer last failed: a dead provider is asked again only after {@link #FAILURE_TTL_MS}. */
    static final long FAILURE_TTL_MS = 30_000;
    /** Least time between two fetches of an issuer's JWK set ({@code CUSTODIA_OIDC_JWKS_MIN_REFRESH_MS}). */
    static final long JWKS_MIN_REFRESH_MS = Setting.OIDC_JWKS_MIN_REFRESH_MS.longValue();

    OutboundHttp http = OutboundHttp.fromSettings();
    LongSupplier clock = System::currentTimeMillis;
    private final Cache<String, Long> failedAt = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMillis(FAILURE_TTL_MS)).ticker(() -> clock.getAsLong() * 1_000_000L).build();

    /** The provider of an issuer, discovered at {@code <issuer>/.well-known/openid-configuration}. */
    public Provider provider(String issuer) throws IOException {
        Provider p = providers.get(issuer);
        if (p != null && clock.getAsLong() - p.loadedAt() < DISCOVERY_TTL_MS) {
            return p;
        }
        return discover(issuer);
    }

    /**
     * Fetches the discovery document now (also when a tenant saves its settings) and checks the issuer
     * matches. Every URL in it that the server will fetch (jwks_uri, token_endpoint) or send a browser
     * to for sign-out must pass the outbound guard too: the document is the provider's to write. A
     * failure is remembered for {@link #FAILURE_TTL_MS}, during which the issuer is not asked again.
     */
    public Provider discover(String issuer) throws IOException {
        Long failed = failedAt.getIfPresent(issuer);
        if (failed != null && clock.getAsLong() - failed < FAILURE_TTL_MS) {
            throw new RefusedUrl("discovery of " + issuer + " failed less than " + FAILURE_TTL_MS / 1000 + " s ago");
        }
        try {
            Provider p = fetch(issuer);
            failedAt.invalidate(issuer);
            providers.put(issuer, p);
            return p;
        } catch (IOException | RuntimeException e) {
            failedAt.put(issuer, clock.getAsLong());
            LOG.warnf("discovery of an identity provider failed: %s", e.getMessage());
            throw e instanceof IOException io ? io : new RefusedUrl(e.toString(), e);
        }
    }

    private Provider fetch(String issuer) throws IOException {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        OutboundHttp.Response r = http.get(URI.create(base + "/.well-known/openid-configuration"), "application/json");
        if (r.status() != 200) {
            throw new RefusedUrl("discovery answered HTTP " + r.status());
        }
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(r.text());
        } catch (GeneralException e) {
            throw new RefusedUrl("discovery document does not parse: " + e.getMessage(), e);
        }
        if (!issuer.equals(metadata.getIssuer().getValue())) {
            throw new RefusedUrl("discovery document names another issuer");
        }
        if (metadata.getJWKSetURI() == null) {
            throw new RefusedUrl("the discovery document names no jwks_uri");
        }
        http.guard().check(metadata.getJWKSetURI());
        if (metadata.getTokenEndpointURI() != null) {
            http.guard().check(metadata.getTokenEndpointURI());
        }
        if (metadata.getEndSessionEndpointURI() != null) {
            http.guard().check(metadata.getEndSessionEndpointURI());
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(), this::retrieve)
                .cache(15 * 60_000L, TIMEOUT_MS)
                .rateLimited(JWKS_MIN_REFRESH_MS)
                .refreshAheadCache(false)
                .retrying(true)
                .build();
        return new Provider(metadata, keys, clock.getAsLong());
    }

    /** The JWK set, through the guard (a JWK set is small: 512 KiB at most). */
    private Resource retrieve(URL url) throws IOException {
        try {
            OutboundHttp.Response r = http.get(url.toURI(), "application/json");
            if (r.status() != 200 || r.body().length > 512 * 1024) {
                throw new RefusedUrl("JWK set answered HTTP " + r.status() + " with " + r.body().length + " bytes");
            }
            return new Resource(r.text(), r.contentType());
        } catch (java.net.URISyntaxException e) {
            throw new RefusedUrl("not a URI", e);
        }
    }

    /** Sends a request to the provider's token endpoint through the guard. */
    public HTTPResponse send(HTTPRequest request) throws IOException {
        if (request.getMethod() != HTTPRequest.Method.POST) {
            throw new IllegalArgumentException("token requests are POSTs");
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = request.getHeaderMap();
        String type = request.getEntityContentType() == null ? "application/x-www-form-urlencoded; charset=UTF-8"
                : request.getEntityContentType().toString();
        OutboundHttp.Response r = http.post(request.getURI(), headers, type,
                request.getBody() == null ? new byte[0] : request.getBody().getBytes(StandardCharsets.UTF_8));
        HTTPResponse response = new HTTPResponse(r.status());
        if (r.contentType() != null) {
            response.setHeader("Content-Type", r.contentType());
        }
        response.setBody(r.text());
        return response;
    }

    /**
     * Verifies a bearer JWT: signature by a key of the issuer's JWK set, issuer, audience, expiry (60 s
     * skew). A bad signature by a key id the set holds may mean the provider rotated the key under the
     * same id: the set is then fetched again (rate-limited) and the token checked once more.
     */
    public JWTClaimsSet verify(String jwt, String issuer, String audience) throws RejectedToken {
        try {
            return process(jwt, provider(issuer), issuer, audience);
        } catch (com.nimbusds.jose.proc.BadJWSException badSignature) {
            if (!refetchAllowed(issuer)) {
                throw new RejectedToken(badSignature.getMessage(), badSignature);
            }
            try {
                Provider fresh = discover(issuer);
                return process(jwt, fresh, issuer, audience);
            } catch (IOException e) {
                throw new RejectedToken("the issuer's keys could not be fetched", e);
            } catch (BadJOSEException | ParseException | JOSEException e) {
                throw new RejectedToken(e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new RejectedToken("the issuer's keys could not be fetched", e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new RejectedToken(e.getMessage(), e);
        }
    }

    private static JWTClaimsSet process(String jwt, Provider provider, String issuer, String audience)
            throws ParseException, BadJOSEException, JOSEException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(provider.keySelector());
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat"), null));
        return processor.process(jwt, null);
    }

    private final Map<String, Long> lastForcedRefetch = new ConcurrentHashMap<>();

    private boolean refetchAllowed(String issuer) {
        long now = System.currentTimeMillis();
        long minInterval = JWKS_MIN_REFRESH_MS;
        Long last = lastForcedRefetch.get(issuer);
        if (last != null && now - last < minInterval) {
            return false;
        }
        lastForcedRefetch.put(issuer, now);
        return true;
    }

    public static URL url(String s) throws MalformedURLException {
        return java.net.URI.create(s).toURL();
    }
}
