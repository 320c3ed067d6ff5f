package org.custodia.identity.application;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.identity.domain.SignInBackoff;
import org.custodia.identity.infrastructure.Argon2Passwords;
import org.custodia.kernel.EmailAddress;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.ApiCaller;
import org.custodia.platform.problem.ProblemException;

/**
 * Sign-in with a local password, optionally a TOTP code or a one-time recovery code, and TOTP enrolment.
 * Failures are counted per (tenant, address) by {@link SignInFailures}, whether or not the address has an
 * account, and committed (the result is returned, not thrown); after {@link SignInBackoff#FREE_FAILURES}
 * the address backs off and every attempt is refused until the wait is over, the right password included.
 * A browser that presents a device cookie of the account ({@link TrustedDevices}) is not subject to that
 * shared back-off but to one of its own, so whoever keeps the address backing off cannot lock the owner
 * out of a browser they signed in from before; every successful sign-in hands out a (new) device cookie.
 * This class finds the organisation (by slug, or the caller's); {@link PasswordSignIn} and
 * {@link SecondFactors} do the tenant's work.
 */
@Stateless
public class LocalSignIn {

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

    @Inject
    org.custodia.tenancy.application.TenantService tenants;

    @Inject
    PasswordSignIn passwords;

    @Inject
    SecondFactors secondFactors;

    /** {@code deviceToken}: the browser's device cookie, if any; one that is not the account's is ignored. */
    public Outcome signIn(String tenantSlug, String email, String password, String totpCode, String recoveryCode, String deviceToken,
                          String requestId) {
        UUID tenant = tenants.idOfSlug(tenantSlug);
        if (tenant == null || email == null || email.isBlank() || email.length() > EmailAddress.MAX_LENGTH) {
            Argon2Passwords.matches(password == null ? "" : password, null); // same cost as a real check
            return new Refused();
        }
        return passwords.signIn(tenant, email, password, totpCode, recoveryCode, deviceToken, requestId);
    }

    /** Starts (or restarts) TOTP enrolment for the signed-in user; the seed is sealed until confirmed. */
    public Enrolment startTotp(ApiCaller caller) {
        requireUser(caller);
        return secondFactors.startTotp(caller.tenantId(), caller.callerId());
    }

    /** Confirms enrolment with a first code; returns the recovery codes, shown this once. */
    public List<String> confirmTotp(ApiCaller caller, String code) {
        requireUser(caller);
        return secondFactors.confirmTotp(new Actor(caller.tenantId(), caller.principal(), null), caller.callerId(), caller.sessionId(),
                code);
    }

    private static void requireUser(ApiCaller caller) {
        if (!caller.isUser()) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Only a signed-in user has an account to secure.", List.of());
        }
    }
}
