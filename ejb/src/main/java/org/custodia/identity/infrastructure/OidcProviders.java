package org.custodia.identity.infrastructure;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

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
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

/**
 * Identity providers as this node knows them: discovery documents and JWK sets, fetched over HTTP and
 * cached per issuer. The JWK source refetches when a token names a key it does not hold (key rotation),
 * at most once per {@code CUSTODIA_OIDC_JWKS_MIN_REFRESH_MS} (default 5 s), so junk tokens cannot make
 * it hammer the provider.
 */
@ApplicationScoped
public class OidcProviders {

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

    /** The provider of an issuer, discovered at {@code <issuer>/.well-known/openid-configuration}. */
    public Provider provider(String issuer) throws IOException {
        Provider p = providers.get(issuer);
        if (p != null && System.currentTimeMillis() - p.loadedAt() < DISCOVERY_TTL_MS) {
            return p;
        }
        p = discover(issuer);
        providers.put(issuer, p);
        return p;
    }

    /** Fetches the discovery document now (used when a tenant saves its settings); checks the issuer matches. */
    public Provider discover(String issuer) throws IOException {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(issuer), TIMEOUT_MS, TIMEOUT_MS);
            if (metadata.getJWKSetURI() == null) {
                throw new IOException("the discovery document names no jwks_uri");
            }
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                            new com.nimbusds.jose.util.DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024))
                    .cache(15 * 60_000L, TIMEOUT_MS)
                    .rateLimited(Long.getLong("custodia.oidc.jwks.min.refresh.ms",
                            Long.parseLong(System.getenv().getOrDefault("CUSTODIA_OIDC_JWKS_MIN_REFRESH_MS", "5000"))))
                    .refreshAheadCache(false)
                    .retrying(true)
                    .build();
            return new Provider(metadata, keys, System.currentTimeMillis());
        } catch (GeneralException | MalformedURLException e) {
            throw new IOException(e.getMessage(), e);
        }
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
                providers.put(issuer, fresh);
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
        long minInterval = Long.getLong("custodia.oidc.jwks.min.refresh.ms",
                Long.parseLong(System.getenv().getOrDefault("CUSTODIA_OIDC_JWKS_MIN_REFRESH_MS", "5000")));
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
