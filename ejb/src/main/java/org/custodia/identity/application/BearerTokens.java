package org.custodia.identity.application;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import org.custodia.platform.context.ApiCaller;
import org.custodia.identity.domain.OidcSettings;
import org.custodia.identity.infrastructure.OidcProviders;
import org.custodia.platform.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Bearer JWTs from a tenant's identity provider. The unverified {@code iss} and {@code aud} only pick
 * the tenant whose settings then verify the token (signature by the issuer's JWKS, issuer, audience,
 * expiry); nothing from an unverified token is trusted. The role comes from the token's claim on every
 * request; the user row (for audit) is provisioned on first sight.
 */
@ApplicationScoped
public class BearerTokens {

    private static final Logger LOG = Logger.getLogger(BearerTokens.class);
    private record KnownUser(UUID userId, String role) {
    }

    private final Cache<String, KnownUser> users = Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(30))
            .maximumSize(100_000).build();

    @Inject
    SsoDirectory sso;

    @Inject
    OidcProviders providers;

    @Inject
    SsoUsers ssoUsers;

    @Inject
    RolePermissionCache rolePermissions;

    /** Whether the credential looks like a JWT (three base64url parts), not an API key or session. */
    public static boolean looksLikeJwt(String credential) {
        return credential.chars().filter(c -> c == '.').count() == 2 && credential.startsWith("ey");
    }

    public Optional<ApiCaller> authenticate(String jwt, String requestId) {
        JWTClaimsSet unverified;
        try {
            unverified = JWTParser.parse(jwt).getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (unverified.getIssuer() == null || unverified.getAudience() == null || unverified.getAudience().isEmpty()) {
            return Optional.empty();
        }
        Optional<UUID> tenant = sso.tenantFor(unverified.getIssuer(), unverified.getAudience());
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        Optional<OidcSettings> settings = sso.settingsOf(tenant.get());
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        JWTClaimsSet claims;
        try {
            claims = providers.verify(jwt, settings.get().issuer(), settings.get().audience());
        } catch (OidcProviders.RejectedToken e) {
            LOG.infof("bearer token refused for tenant %s: %s", tenant.get(), e.getMessage());
            return Optional.empty();
        }
        Optional<String> role = settings.get().roleFor(claims.getClaims());
        if (role.isEmpty()) {
            throw new ProblemException(403, "no-role", "No role", "Your identity provider's token maps to no Custodia role ("
                    + settings.get().roleClaim() + ").", List.of());
        }
        KnownUser user = user(tenant.get(), claims, role.get(), requestId);
        return Optional.of(ApiCaller.bearer(tenant.get(), user.userId(), user.role(),
                rolePermissions.permissionsOf(tenant.get(), user.role()), claims.getExpirationTime().toInstant()));
    }

    /** The user and the role to act with: the claim's for users the provider provisioned, a linked local account's own otherwise. */
    private KnownUser user(UUID tenantId, JWTClaimsSet claims, String claimRole, String requestId) {
        String key = tenantId + "\n" + claims.getIssuer() + "\n" + claims.getSubject() + "\n" + claimRole;
        KnownUser known = users.getIfPresent(key);
        if (known != null) {
            return known;
        }
        String email = stringClaim(claims, "email");
        boolean verified = Boolean.TRUE.equals(claims.getClaim("email_verified"));
        SsoUsers.Outcome outcome = ssoUsers.provision(tenantId, claims.getIssuer(), claims.getSubject(), email, verified, claimRole, requestId);
        if (!(outcome instanceof SsoUsers.Provisioned p)) {
            throw SsoUsers.linkPending(); // the request for confirmation is committed (provision ran in its own transaction)
        }
        KnownUser user = new KnownUser(p.userId(), p.role());
        users.put(key, user);
        return user;
    }

    void onRolesChanged(@jakarta.enterprise.event.Observes RolePermissionCache.RolesChanged change) {
        users.asMap().keySet().removeIf(k -> k.startsWith(change.tenantId() + "\n"));
    }

    void onClusterChange(@jakarta.enterprise.event.Observes org.custodia.platform.persistence.ChangeFeed.ClusterChange change) {
        if (change.everything()) {
            users.invalidateAll();
        }
    }

    static String stringClaim(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s && !s.isBlank() ? s : null;
    }
}
