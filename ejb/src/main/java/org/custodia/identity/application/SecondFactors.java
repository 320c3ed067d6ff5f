package org.custodia.identity.application;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.identity.domain.TotpCodes;
import org.custodia.identity.domain.UserAccount;
import org.custodia.identity.infrastructure.RecoveryCodeRepository;
import org.custodia.identity.infrastructure.UserRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.Tenant;

/**
 * A local account's second factor: TOTP enrolment (the seed sealed until confirmed, then ten one-time
 * recovery codes) and accepting a code at sign-in or link confirmation. A TOTP code is accepted once, a
 * recovery code once.
 */
@Stateless
@TenantScoped
public class SecondFactors {

    static final String TOTP_SEAL = "totp";
    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    @Inject
    UserRepository users;

    @Inject
    RecoveryCodeRepository recoveryCodes;

    @Inject
    SealedSecrets sealed;

    @Inject
    UserSessions sessions;

    @Inject
    AuditTrail audit;

    /** Starts (or restarts) TOTP enrolment for the user; the seed is sealed until confirmed. */
    public LocalSignIn.Enrolment startTotp(@TenantId UUID tenantId, UUID userId) {
        UserAccount user = users.find(userId);
        if (user.passwordHash() == null) {
            throw ProblemException.conflict("user", "single sign-on accounts use your identity provider's MFA");
        }
        if (user.totpEnabled()) {
            throw ProblemException.conflict("user", "TOTP is already active for this account");
        }
        String secret = TotpCodes.newSecret();
        user.startTotpEnrolment(sealed.seal(tenantId, TOTP_SEAL + ":" + user.id(), secret.getBytes(StandardCharsets.US_ASCII)));
        Tenant tenant = users.tenant(tenantId);
        return new LocalSignIn.Enrolment(secret, TotpCodes.provisioningUri(secret, "Custodia " + tenant.slug(), user.id().toString()));
    }

    /**
     * Confirms enrolment with a first code; returns the recovery codes, shown this once. The session it came
     * from ({@code sessionId}, null for other callers) has passed MFA.
     */
    public List<String> confirmTotp(Actor actor, UUID userId, UUID sessionId, String code) {
        UserAccount user = users.find(userId);
        if (user.totpSecret() == null || user.totpEnabled()) {
            throw ProblemException.conflict("code", "start enrolment first (POST /auth/mfa/totp)");
        }
        OptionalLong step = TotpCodes.matchingStep(secretOf(user), code, Instant.now().getEpochSecond());
        if (step.isEmpty()) {
            throw ProblemException.invalid("code", "is not the current code of your authenticator app");
        }
        user.enableTotp(step.getAsLong(), StoredTime.now());
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String c = recoveryCode();
            codes.add(c);
            hashes.add(OpaqueToken.hashOf(c));
        }
        recoveryCodes.replaceAll(actor.tenantId(), user.id(), hashes);
        if (sessionId != null) {
            sessions.markMfaSatisfied(actor.tenantId(), sessionId);
        }
        audit.append(actor, "user.mfa_enabled", "user", user.id().toString(), Map.of("method", "totp"));
        return codes;
    }

    /** In the caller's transaction: a current TOTP code (once) or an unused recovery code of the user. */
    public boolean accepted(@TenantId UUID tenantId, UserAccount user, String totpCode, String recoveryCode) {
        return totpCode != null ? acceptTotp(user, totpCode) : recoveryCode != null && useRecoveryCode(user, recoveryCode);
    }

    /** A code is accepted once: one atomic update claims its time step, so parallel sign-ins cannot both use it. */
    private boolean acceptTotp(UserAccount user, String code) {
        OptionalLong step = TotpCodes.matchingStep(secretOf(user), code, Instant.now().getEpochSecond());
        return step.isPresent() && users.claimTotpStep(user.id(), step.getAsLong());
    }

    private boolean useRecoveryCode(UserAccount user, String code) {
        return recoveryCodes.use(user.id(), OpaqueToken.hashOf(normalisedRecoveryCode(code)), StoredTime.now());
    }

    private String secretOf(UserAccount user) {
        return new String(sealed.open(user.tenantId(), TOTP_SEAL + ":" + user.id(), user.totpSecret()), StandardCharsets.US_ASCII);
    }

    /** Recovery codes are typed by people: surrounding blanks and capitals do not matter. */
    static String normalisedRecoveryCode(String code) {
        return code.strip().toLowerCase(Locale.ROOT);
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
