package org.custodia.identity.application;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.platform.context.ApiCaller;
import org.custodia.identity.domain.OidcSettings;
import org.custodia.identity.infrastructure.OidcProviders;
import org.custodia.platform.context.Actor;
import org.custodia.platform.outbound.RefusedUrl;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.persistence.UniqueViolation;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/** A tenant's single sign-on settings; saved only when the issuer's discovery document can be fetched. */
@Stateless
public class SsoConfiguration {

    static final String SECRET_SEAL = "oidc-client-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.Duration TTL = java.time.Duration.ofSeconds(30);
    private static final Cache<UUID, Optional<OidcSettings>> CACHE = Caffeine.newBuilder().expireAfterWrite(TTL).build();
    private static final Cache<String, Optional<UUID>> TENANTS = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    SealedSecrets sealed;

    @Inject
    OidcProviders providers;

    @Inject
    TenantRoles roles;

    @Inject
    AfterCommit afterCommit;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    @Resource
    SessionContext context;

    @Inject
    UserSessions sessions;

    public record Input(String issuer, String clientId, String clientSecret, String audience, String roleClaim,
                        LinkedHashMap<String, String> roleMapping, String defaultRole, String scopes) {
    }

    public Optional<OidcSettings> of(UUID tenantId) {
        Optional<OidcSettings> cached = CACHE.getIfPresent(tenantId);
        if (cached != null) {
            return cached;
        }
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select issuer, client_id, client_secret_sealed is not null, audience, role_claim,"
                + " role_mapping, default_role, scopes from app.tenant_oidc").getResultList();
        Optional<OidcSettings> s = rows.stream().findFirst().map(r -> new OidcSettings((String) r[0], (String) r[1], (Boolean) r[2],
                (String) r[3], (String) r[4], mapping((String) r[5]), (String) r[6], (String) r[7]));
        CACHE.put(tenantId, s);
        return s;
    }

    /** The tenant that trusts tokens of this issuer for one of these audiences. */
    public Optional<UUID> tenantFor(String issuer, List<String> audiences) {
        String key = issuer + "\n" + String.join("\n", audiences);
        Optional<UUID> cached = TENANTS.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery("select tenant_id from app.resolve_oidc_issuer(?1, string_to_array(?2, chr(10)))")
                .setParameter(1, issuer).setParameter(2, String.join("\n", audiences)).getResultList();
        Optional<UUID> tenant = rows.size() == 1 ? Optional.of(rows.get(0)) : Optional.empty();
        TENANTS.put(key, tenant);
        return tenant;
    }

    /** The client secret, for the token endpoint (tenant bound by the caller). */
    public String clientSecret(UUID tenantId) {
        tenantSession.bind(tenantId);
        byte[] s = (byte[]) em.createNativeQuery("select client_secret_sealed from app.tenant_oidc").getResultStream().findFirst().orElse(null);
        return s == null ? null : sealed.sealedText(s, tenantId, SECRET_SEAL);
    }

    /**
     * Validates, checks the role mapping against the caller's permissions, fetches the issuer's discovery
     * document and only then opens the transaction that stores the settings: no network call while a
     * pooled connection is held.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public OidcSettings save(Actor actor, Set<String> callerPermissions, Input in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.issuer() == null || !in.issuer().matches("https?://[^\\s]+") || in.issuer().length() > 500) {
            errors.add(new FieldError("issuer", "must be the issuer URL (https://...)"));
        }
        if (in.clientId() == null || in.clientId().isBlank() || in.clientId().length() > 200) {
            errors.add(new FieldError("clientId", "must be 1 to 200 characters"));
        }
        if (in.clientSecret() != null && (in.clientSecret().isEmpty() || in.clientSecret().length() > 500)) {
            errors.add(new FieldError("clientSecret", "must be 1 to 500 characters, or absent for a public client"));
        }
        if (in.audience() != null && in.audience().length() > 200) {
            errors.add(new FieldError("audience", "must be at most 200 characters"));
        }
        if (in.roleClaim() == null || !in.roleClaim().matches("[A-Za-z0-9_:/.-]{1,100}")) {
            errors.add(new FieldError("roleClaim", "must name a claim, such as groups or realm_access.roles"));
        }
        if (in.roleMapping() == null || (in.roleMapping().isEmpty() && in.defaultRole() == null)) {
            errors.add(new FieldError("roleMapping", "must map at least one claim value to a role (or set defaultRole)"));
        }
        if (in.scopes() != null && !in.scopes().matches("[\\x21\\x23-\\x5B\\x5D-\\x7E ]{1,300}")) {
            errors.add(new FieldError("scopes", "must be space-separated scope names"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (in.roleMapping() != null) {
            in.roleMapping().values().forEach(role -> roles.requireAssignable(actor.tenantId(), callerPermissions, role));
        }
        if (in.defaultRole() != null) {
            roles.requireAssignable(actor.tenantId(), callerPermissions, in.defaultRole());
        }
        String audience = in.audience() == null || in.audience().isBlank() ? in.clientId() : in.audience();
        self().requireIssuerFree(actor.tenantId(), in.issuer(), audience); // cheap, before the network
        try {
            providers.discover(in.issuer());
        } catch (IOException | RuntimeException e) { // the detail is logged by OidcProviders: never a port oracle
            throw ProblemException.invalid("issuer", RefusedUrl.GENERIC);
        }
        return self().store(actor, in, audience);
    }

    /** The transactional half of {@link #save}. */
    public OidcSettings store(Actor actor, Input in, String audience) {
        String scopes = in.scopes() == null ? "openid email profile" : (in.scopes().contains("openid") ? in.scopes() : "openid " + in.scopes());
        requireIssuerFree(actor.tenantId(), in.issuer(), audience);
        tenantSession.bind(actor.tenantId());
        em.createNativeQuery("delete from app.tenant_oidc").executeUpdate();
        try {
            em.createNativeQuery("insert into app.tenant_oidc (tenant_id, issuer, client_id, client_secret_sealed, audience, role_claim,"
                            + " role_mapping, default_role, scopes, updated_at) values (?1, ?2, ?3, null, ?4, ?5, ?6, ?7, ?8, ?9)")
                    .setParameter(1, actor.tenantId()).setParameter(2, in.issuer()).setParameter(3, in.clientId())
                    .setParameter(4, audience).setParameter(5, in.roleClaim()).setParameter(6, json(in.roleMapping()))
                    .setParameter(7, in.defaultRole()).setParameter(8, scopes).setParameter(9, NativeValues.at(StoredTime.now()))
                    .executeUpdate();
        } catch (PersistenceException e) {
            if (UniqueViolation.causedBy(e)) { // another tenant saved the same pair meanwhile
                throw issuerTaken();
            }
            throw e;
        }
        if (in.clientSecret() != null) { // EclipseLink binds a null byte[] as varchar, which bytea refuses
            em.createNativeQuery("update app.tenant_oidc set client_secret_sealed = ?1")
                    .setParameter(1, sealed.sealText(actor.tenantId(), SECRET_SEAL, in.clientSecret())).executeUpdate();
        }
        forgetAfterCommit(actor.tenantId());
        audit.append(actor, "settings.sso_updated", "tenant", actor.tenantId().toString(),
                Map.of("issuer", in.issuer(), "clientId", in.clientId(), "audience", audience, "roleClaim", in.roleClaim()));
        return new OidcSettings(in.issuer(), in.clientId(), in.clientSecret() != null, audience, in.roleClaim(),
                in.roleMapping(), in.defaultRole(), scopes);
    }

    /**
     * Who chooses the identity provider chooses who can sign in as whom, so changing it needs a fresh
     * proof of identity: a console session whose user signed in within {@link UserSessions#RECENT_SIGN_IN}
     * (refreshing a session does not count). ADMIN API keys may still configure single sign-on (for
     * provisioning by scripts): a key cannot re-authenticate, but it is a secret created by an ADMIN and
     * shown once, not a cookie a browser carries around. Bearer tokens from the provider itself may not.
     */
    public void requireRecentSignIn(ApiCaller caller) {
        switch (caller.kind()) {
            case API_KEY -> {
            }
            case BEARER_TOKEN -> throw new ProblemException(403, "reauthentication-required", "Sign-in required",
                    "Single sign-on settings change only from a console session or an API key, not with the provider's own token.", List.of());
            case SESSION -> {
                if (!sessions.signedInRecently(caller.tenantId(), caller.sessionId())) {
                    throw new ProblemException(403, "reauthentication-required", "Sign in again",
                            "Changing single sign-on needs a sign-in within the last " + UserSessions.RECENT_SIGN_IN.toMinutes()
                                    + " minutes: sign out, sign in again and retry.", List.of());
                }
            }
        }
    }

    /**
     * Tokens find their tenant by (issuer, audience): another tenant trusting the same pair would make
     * both ambiguous, so the pair is unique across tenants (V12) and a second tenant is told so.
     */
    public void requireIssuerFree(UUID tenantId, String issuer, String audience) {
        @SuppressWarnings("unchecked")
        List<UUID> owners = em.createNativeQuery("select tenant_id from app.resolve_oidc_issuer(?1, string_to_array(?2, chr(10)))")
                .setParameter(1, issuer).setParameter(2, audience).getResultList();
        if (owners.stream().anyMatch(owner -> !owner.equals(tenantId))) {
            throw issuerTaken();
        }
    }

    private static ProblemException issuerTaken() {
        return new ProblemException(409, "sso-issuer-taken", "Issuer and audience in use",
                "Another organisation already signs in with this issuer and audience; register a client (audience) of your own.",
                List.of(new FieldError("audience", "this issuer and audience pair is used by another organisation"),
                        new FieldError("issuer", "this issuer and audience pair is used by another organisation")));
    }

    private SsoConfiguration self() {
        return context.getBusinessObject(SsoConfiguration.class);
    }

    public void remove(Actor actor) {
        tenantSession.bind(actor.tenantId());
        if (em.createNativeQuery("delete from app.tenant_oidc").executeUpdate() == 0) {
            throw ProblemException.notFound("single sign-on settings");
        }
        forgetAfterCommit(actor.tenantId());
        audit.append(actor, "settings.sso_removed", "tenant", actor.tenantId().toString(), Map.of());
    }

    private void forgetAfterCommit(UUID tenantId) {
        afterCommit.run(() -> forget(tenantId));
        feed.publish("sso-settings", tenantId.toString());
    }

    private static void forget(UUID tenantId) {
        CACHE.invalidate(tenantId);
        TENANTS.invalidateAll();
    }

    static void onClusterChange(@jakarta.enterprise.event.Observes org.custodia.platform.persistence.ChangeFeed.ClusterChange change) {
        if (change.everything()) {
            CACHE.invalidateAll();
            TENANTS.invalidateAll();
        } else if ("sso-settings".equals(change.kind())) {
            forget(UUID.fromString(change.parts().get(0)));
        }
    }

    private static LinkedHashMap<String, String> mapping(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, String> mapping) {
        try {
            return JSON.writeValueAsString(mapping == null ? Map.of() : mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
