package org.custodia.identity.application;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.platform.context.ApiCaller;
import org.custodia.kernel.OpaqueToken;
import org.custodia.identity.domain.SignInBackoff;
import org.custodia.identity.domain.TotpCodes;
import org.custodia.identity.domain.UserAccount;
import org.custodia.identity.infrastructure.Argon2Passwords;
import org.custodia.kernel.EmailAddress;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.Tenant;

/**
 * Sign-in with a local password, optionally a TOTP code or a one-time recovery code, and TOTP enrolment.
 * Failures are counted per (tenant, address) by {@link SignInFailures}, whether or not the address has an
 * account, and committed (the result is returned, not thrown); after {@link SignInBackoff#FREE_FAILURES}
 * the address backs off and every attempt is refused until the wait is over, the right password included.
 * A browser that presents a device cookie of the account ({@link TrustedDevices}) is not subject to that
 * shared back-off but to one of its own, so whoever keeps the address backing off cannot lock the owner
 * out of a browser they signed in from before; every successful sign-in hands out a (new) device cookie.
 */
@Stateless
public class LocalSignIn {

    static final String TOTP_SEAL = "totp";
    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    public sealed interface Outcome permits SignedIn, Refused, BackingOff, MfaRequired {
    }

    /** {@code deviceToken}: the device cookie's new value (this browser is now a trusted device of the account). */
    public record SignedIn(UUID tenantId, UUID userId, String role, UserSessions.Opened session, String deviceToken) implements Outcome {
    }

    /** Wrong tenant, address, password or second factor: one answer for all. */
    public record Refused() implements Outcome {
    }

    public record BackingOff(Duration retryAfter) implements Outcome {
    }

    /** The password was right; the account has TOTP, so a code or a recovery code must come too. */
    public record MfaRequired() implements Outcome {
    }

    public record Enrolment(String secret, String otpauthUri) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    UserSessions sessions;

    @Inject
    SealedSecrets sealed;

    @Inject
    org.custodia.tenancy.application.TenantService tenants;

    @Inject
    UserService users;

    @Inject
    SignInFailures failures;

    @Inject
    TrustedDevices devices;

    /** {@code deviceToken}: the browser's device cookie, if any; one that is not the account's is ignored. */
    public Outcome signIn(String tenantSlug, String email, String password, String totpCode, String recoveryCode, String deviceToken,
                          String requestId) {
        UUID tenant = tenants.idOfSlug(tenantSlug);
        if (tenant == null || email == null || email.isBlank() || email.length() > EmailAddress.MAX_LENGTH) {
            Argon2Passwords.matches(password == null ? "" : password, null); // same cost as a real check
            return new Refused();
        }
        tenantSession.bind(tenant);
        // failures count per address, known or not: an unknown address backs off exactly like a known one
        String address = SignInBackoff.addressKey(tenant, email);
        UserAccount user = users.byEmail(email);
        // a trusted device of this account counts its own failures; any other browser shares the address's
        UUID device = devices.recognised(tenant, user == null ? null : user.id(), deviceToken);
        String counter = device == null ? address : SignInBackoff.deviceKey(tenant, device);
        // failures and refusals go to the sign-in log, not the audit chain: FailedSignInSummary brings them there
        Duration wait = failures.backingOff(tenant, counter);
        if (!wait.isZero()) {
            return new BackingOff(wait);
        }
        if (user == null || user.status() != UserAccount.Status.ACTIVE || user.passwordHash() == null) {
            Argon2Passwords.matches(password == null ? "" : password, null); // same cost as a real check
            failures.recordFailure(tenant, counter, null, device);
            return new Refused();
        }
        Instant now = StoredTime.now();
        Actor actor = new Actor(user.tenantId(), "user:" + user.id(), requestId);
        if (password == null || !Argon2Passwords.matches(password, user.passwordHash())) {
            return fail(user, counter, device);
        }
        boolean secondFactor = false;
        if (user.totpEnabled()) {
            if (totpCode == null && recoveryCode == null) {
                return new MfaRequired();
            }
            secondFactor = totpCode != null ? acceptTotp(user, totpCode) : useRecoveryCode(user, recoveryCode);
            if (!secondFactor) {
                return fail(user, counter, device);
            }
        }
        // only the counter this attempt used starts over: the owner's success does not end an attacker's wait
        failures.clear(tenant, counter);
        user.recordLogin(now);
        UserSessions.Opened session = sessions.open(user.tenantId(), user.id(), UserSessions.Method.PASSWORD, secondFactor, null, null);
        audit.append(actor, "user.signed_in", "user", user.id().toString(), Map.of("method", "password",
                "secondFactor", totpCode != null ? "totp" : recoveryCode != null ? "recovery_code" : "none"));
        return new SignedIn(user.tenantId(), user.id(), user.role(), session, devices.issue(tenant, user.id(), device));
    }

    /** Starts (or restarts) TOTP enrolment for the signed-in user; the seed is sealed until confirmed. */
    public Enrolment startTotp(ApiCaller caller) {
        UserAccount user = self(caller);
        if (user.passwordHash() == null) {
            throw ProblemException.conflict("user", "single sign-on accounts use your identity provider's MFA");
        }
        if (user.totpEnabled()) {
            throw ProblemException.conflict("user", "TOTP is already active for this account");
        }
        String secret = TotpCodes.newSecret();
        user.startTotpEnrolment(sealed.seal(caller.tenantId(), TOTP_SEAL + ":" + user.id(), secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        Tenant tenant = em.find(Tenant.class, caller.tenantId());
        return new Enrolment(secret, TotpCodes.provisioningUri(secret, "Custodia " + tenant.slug(), user.id().toString()));
    }

    /** Confirms enrolment with a first code; returns the recovery codes, shown this once. */
    public List<String> confirmTotp(ApiCaller caller, String code) {
        UserAccount user = self(caller);
        if (user.totpSecret() == null || user.totpEnabled()) {
            throw ProblemException.conflict("code", "start enrolment first (POST /auth/mfa/totp)");
        }
        OptionalLong step = TotpCodes.matchingStep(secretOf(user), code, Instant.now().getEpochSecond());
        if (step.isEmpty()) {
            throw ProblemException.invalid("code", "is not the current code of your authenticator app");
        }
        user.enableTotp(step.getAsLong(), StoredTime.now());
        em.createNativeQuery("delete from app.user_recovery_code where user_id = ?1").setParameter(1, user.id()).executeUpdate();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String c = recoveryCode();
            codes.add(c);
            em.createNativeQuery("insert into app.user_recovery_code (tenant_id, user_id, code_hash) values (?1, ?2, ?3)")
                    .setParameter(1, caller.tenantId()).setParameter(2, user.id()).setParameter(3, OpaqueToken.hashOf(c)).executeUpdate();
        }
        if (caller.sessionId() != null) {
            sessions.markMfaSatisfied(caller.sessionId());
        }
        audit.append(new Actor(caller.tenantId(), caller.principal(), null), "user.mfa_enabled", "user", user.id().toString(),
                Map.of("method", "totp"));
        return codes;
    }

    private UserAccount self(ApiCaller caller) {
        if (!caller.isUser()) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Only a signed-in user has an account to secure.", List.of());
        }
        tenantSession.bind(caller.tenantId());
        return em.find(UserAccount.class, caller.callerId());
    }

    private Outcome fail(UserAccount user, String counter, UUID device) {
        failures.recordFailure(user.tenantId(), counter, user.id(), device);
        return new Refused();
    }

    /** In the caller's transaction: a current TOTP code (once) or an unused recovery code of the user. */
    public boolean secondFactorAccepted(UserAccount user, String totpCode, String recoveryCode) {
        return totpCode != null ? acceptTotp(user, totpCode) : recoveryCode != null && useRecoveryCode(user, recoveryCode);
    }

    /** A code is accepted once: one atomic update claims its time step, so parallel sign-ins cannot both use it. */
    private boolean acceptTotp(UserAccount user, String code) {
        OptionalLong step = TotpCodes.matchingStep(secretOf(user), code, Instant.now().getEpochSecond());
        return step.isPresent() && em.createNativeQuery("update app.app_user set totp_last_step = ?1 where id = ?2"
                        + " and (totp_last_step is null or totp_last_step < ?1)")
                .setParameter(1, step.getAsLong()).setParameter(2, user.id()).executeUpdate() == 1;
    }

    private boolean useRecoveryCode(UserAccount user, String code) {
        String normalised = code.strip().toLowerCase(java.util.Locale.ROOT);
        return em.createNativeQuery("update app.user_recovery_code set used_at = ?1 where user_id = ?2 and code_hash = ?3 and used_at is null")
                .setParameter(1, NativeValues.at(StoredTime.now())).setParameter(2, user.id()).setParameter(3, OpaqueToken.hashOf(normalised))
                .executeUpdate() == 1;
    }

    private String secretOf(UserAccount user) {
        return new String(sealed.open(user.tenantId(), TOTP_SEAL + ":" + user.id(), user.totpSecret()),
                java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** 15 characters from an unambiguous alphabet in groups of five: about 74 bits. */
    static String recoveryCode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            if (i > 0 && i % 5 == 0) {
                b.append('-');
            }
            b.append(RECOVERY_ALPHABET[RANDOM.nextInt(RECOVERY_ALPHABET.length)]);
        }
        return b.toString();
    }
}
