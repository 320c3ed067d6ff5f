package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.domain.SignInBackoff;
import org.custodia.identity.domain.UserAccount;
import org.custodia.identity.infrastructure.Argon2Passwords;
import org.custodia.identity.infrastructure.UserRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * A local sign-in once the organisation is known ({@link LocalSignIn} finds it by its slug): back-off per
 * address or trusted device, the password, the second factor, then a session and a new device cookie.
 */
@Stateless
@TenantScoped
public class PasswordSignIn {

    @Inject
    UserRepository users;

    @Inject
    AuditTrail audit;

    @Inject
    UserSessions sessions;

    @Inject
    SignInFailures failures;

    @Inject
    TrustedDevices devices;

    @Inject
    SecondFactors secondFactors;

    /** {@code deviceToken}: the browser's device cookie, if any; one that is not the account's is ignored. */
    public LocalSignIn.Outcome signIn(@TenantId UUID tenant, String email, String password, String totpCode, String recoveryCode,
                                      String deviceToken, String requestId) {
        // failures count per address, known or not: an unknown address backs off exactly like a known one
        String address = SignInBackoff.addressKey(tenant, email);
        UserAccount user = users.byEmail(email);
        // a trusted device of this account counts its own failures; any other browser shares the address's
        UUID device = devices.recognised(tenant, user == null ? null : user.id(), deviceToken);
        String counter = device == null ? address : SignInBackoff.deviceKey(tenant, device);
        // failures and refusals go to the sign-in log, not the audit chain: FailedSignInSummary brings them there
        Duration wait = failures.backingOff(tenant, counter);
        if (!wait.isZero()) {
            return new LocalSignIn.BackingOff(wait);
        }
        if (user == null || user.status() != UserAccount.Status.ACTIVE || user.passwordHash() == null) {
            Argon2Passwords.matches(password == null ? "" : password, null); // same cost as a real check
            failures.recordFailure(tenant, counter, null, device);
            return new LocalSignIn.Refused();
        }
        Instant now = StoredTime.now();
        Actor actor = new Actor(user.tenantId(), "user:" + user.id(), requestId);
        if (password == null || !Argon2Passwords.matches(password, user.passwordHash())) {
            return fail(user, counter, device);
        }
        boolean secondFactor = false;
        if (user.totpEnabled()) {
            if (totpCode == null && recoveryCode == null) {
                return new LocalSignIn.MfaRequired();
            }
            secondFactor = secondFactors.accepted(tenant, user, totpCode, recoveryCode);
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
        return new LocalSignIn.SignedIn(user.tenantId(), user.id(), user.role(), session, devices.issue(tenant, user.id(), device));
    }

    private LocalSignIn.Outcome fail(UserAccount user, String counter, UUID device) {
        failures.recordFailure(user.tenantId(), counter, user.id(), device);
        return new LocalSignIn.Refused();
    }
}
