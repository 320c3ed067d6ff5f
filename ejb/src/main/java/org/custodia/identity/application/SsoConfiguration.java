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
import jakarta.persistence.PersistenceException;

import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.platform.context.ApiCaller;
import org.custodia.identity.domain.OidcSettings;
import org.custodia.identity.infrastructure.OidcProviders;
import org.custodia.identity.infrastructure.SsoSettingsRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.outbound.RefusedUrl;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.persistence.UniqueViolation;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * A tenant's single sign-on settings; saved only when the issuer's discovery document can be fetched.
 * Sign-in and bearer tokens read them through {@link SsoDirectory}, which keeps them in memory.
 */
@Stateless
@TenantScoped
public class SsoConfiguration {

    static final String SECRET_SEAL = "oidc-client-secret";

    @Inject
    SsoSettingsRepository repository;

    @Inject
    AuditTrail audit;

    @Inject
    SealedSecrets sealed;

    @Inject
    OidcProviders providers;

    @Inject
    TenantRoles roles;

    @Inject
    SsoDirectory directory;

    @Inject
    UserSessions sessions;

    @Resource
    SessionContext context;

    /**
     * {@code keepClientSecret}: true keeps the stored secret (a form that cannot show it back); refused unless the
     * issuer and client id stay as they are, since the secret goes to the issuer's token endpoint.
     */
    public record Input(String issuer, String clientId, String clientSecret, String audience, String roleClaim,
                        LinkedHashMap<String, String> roleMapping, String defaultRole, String scopes, Boolean keepClientSecret) {

        public Input(String issuer, String clientId, String clientSecret, String audience, String roleClaim,
                     LinkedHashMap<String, String> roleMapping, String defaultRole, String scopes) {
            this(issuer, clientId, clientSecret, audience, roleClaim, roleMapping, defaultRole, scopes, null);
        }

        boolean keepsSecret() {
            return Boolean.TRUE.equals(keepClientSecret);
        }
    }

    /** The tenant's settings as stored now (callers on hot paths use {@link SsoDirectory#settingsOf}). */
    public Optional<OidcSettings> of(@TenantId UUID tenantId) {
        return repository.settings();
    }

    /** The client secret, for the token endpoint. */
    public String clientSecret(@TenantId UUID tenantId) {
        byte[] s = repository.clientSecretSealed();
        return s == null ? null : sealed.sealedText(s, tenantId, SECRET_SEAL);
    }

    /**
     * Validates, checks the role mapping against the caller's permissions, fetches the issuer's discovery
     * document and only then opens the transaction that stores the settings: no network call while a
     * pooled connection is held.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public OidcSettings save(Actor actor, Set<String> callerPermissions, Input in) {
        List<FieldError> errors = inputErrors(in);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (in.roleMapping() != null) {
            in.roleMapping().values().forEach(role -> roles.requireAssignable(actor.tenantId(), callerPermissions, role));
        }
        if (in.defaultRole() != null) {
            roles.requireAssignable(actor.tenantId(), callerPermissions, in.defaultRole());
        }
        String audience = audienceOf(in);
        requireIssuerFree(actor.tenantId(), in.issuer(), audience); // cheap, before the network
        try {
            providers.discover(in.issuer());
        } catch (IOException | RuntimeException e) { // the detail is logged by OidcProviders: never a port oracle
            throw ProblemException.invalid("issuer", RefusedUrl.GENERIC);
        }
        return self().store(actor, in, audience);
    }

    /** What is wrong with the input, field by field. */
    static List<FieldError> inputErrors(Input in) {
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
        if (in.keepsSecret() && in.clientSecret() != null) {
            errors.add(new FieldError("keepClientSecret", "give a new client secret or keep the stored one, not both"));
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
        return errors;
    }

    /** Tokens must carry the audience; without one, the client id. */
    static String audienceOf(Input in) {
        return in.audience() == null || in.audience().isBlank() ? in.clientId() : in.audience();
    }

    /** The scopes asked for: always with openid. */
    static String scopesOf(Input in) {
        return in.scopes() == null ? "openid email profile" : (in.scopes().contains("openid") ? in.scopes() : "openid " + in.scopes());
    }

    /** The transactional half of {@link #save}. */
    public OidcSettings store(Actor actor, Input in, String audience) {
        requireIssuerFree(actor.tenantId(), in.issuer(), audience);
        byte[] kept = in.keepsSecret() ? keptSecret(in) : null;
        OidcSettings settings = new OidcSettings(in.issuer(), in.clientId(), in.clientSecret() != null || kept != null, audience,
                in.roleClaim(), in.roleMapping(), in.defaultRole(), scopesOf(in));
        repository.remove();
        try {
            repository.add(actor.tenantId(), settings, StoredTime.now());
        } catch (PersistenceException e) {
            if (UniqueViolation.causedBy(e)) { // another tenant saved the same pair meanwhile
                throw issuerTaken();
            }
            throw e;
        }
        if (in.clientSecret() != null) {
            repository.storeClientSecret(sealed.sealText(actor.tenantId(), SECRET_SEAL, in.clientSecret()));
        } else if (kept != null) {
            repository.storeClientSecret(kept); // sealed for this tenant and purpose already
        }
        directory.forgetAfterCommit(actor.tenantId());
        audit.append(actor, "settings.sso_updated", "tenant", actor.tenantId().toString(),
                Map.of("issuer", in.issuer(), "clientId", in.clientId(), "audience", audience, "roleClaim", in.roleClaim()));
        return settings;
    }

    /** The stored secret, sealed, for settings that keep their provider and client; 422 otherwise. */
    private byte[] keptSecret(Input in) {
        OidcSettings current = repository.settings().orElse(null);
        byte[] secret = repository.clientSecretSealed();
        if (current == null || secret == null) {
            throw ProblemException.invalid("keepClientSecret", "there is no stored client secret to keep");
        }
        if (!current.issuer().equals(in.issuer()) || !current.clientId().equals(in.clientId())) {
            throw ProblemException.invalid("keepClientSecret", "the issuer or client id changed: give the client secret again");
        }
        return secret;
    }

    /**
     * Who chooses the identity provider chooses who can sign in as whom, so changing it needs a fresh
     * proof of identity: a console session whose user signed in within {@link UserSessions#RECENT_SIGN_IN}
     * (refreshing a session does not count). ADMIN API keys may still configure single sign-on (for
     * provisioning by scripts): a key cannot re-authenticate, but it is a secret created by an ADMIN and
     * shown once, not a cookie a browser carries around. Bearer tokens from the provider itself may not.
     */
    public void requireRecentSignIn(@TenantId UUID tenantId, ApiCaller caller) {
        if (!tenantId.equals(caller.tenantId())) {
            throw new IllegalArgumentException("the caller belongs to another tenant");
        }
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
    private void requireIssuerFree(UUID tenantId, String issuer, String audience) {
        List<UUID> owners = repository.tenantsTrusting(issuer, List.of(audience));
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
        if (!repository.remove()) {
            throw ProblemException.notFound("single sign-on settings");
        }
        directory.forgetAfterCommit(actor.tenantId());
        audit.append(actor, "settings.sso_removed", "tenant", actor.tenantId().toString(), Map.of());
    }
}
