package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.identity.domain.SingleUseToken;
import org.custodia.identity.infrastructure.UserTokenRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;

/**
 * Single-use, expiring tokens sent by mail: invitations, password resets, email verification, undoing an
 * email change. A token names its tenant ({@link AccountLinks} finds it before any tenant is bound).
 */
@Stateless
@TenantScoped
public class UserTokens {

    public enum Purpose {
        INVITATION(Duration.ofDays(7)), PASSWORD_RESET(Duration.ofHours(1)), EMAIL_VERIFICATION(Duration.ofHours(24)),
        /** sent to the old address after a change; {@code new_email} holds the address it restores */
        EMAIL_CHANGE_UNDO(Duration.ofDays(7));

        final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }

        public Duration lifetime() {
            return lifetime;
        }
    }

    public static final String PREFIX = "cus_t_";

    /** A redeemed token: whose it was and, for email verification, the address it proves. */
    public record Redeemed(UUID tenantId, UUID userId, String newEmail) {
    }

    public record Issued(String token, Instant expiresAt) {
    }

    @Inject
    UserTokenRepository repository;

    /** In the caller's transaction. Earlier unused tokens of the same purpose stop working. */
    public Issued issue(@TenantId UUID tenantId, UUID userId, Purpose purpose, String newEmail) {
        Instant now = StoredTime.now();
        repository.voidUnused(userId, purpose.name(), now);
        String token = OpaqueToken.generate(PREFIX);
        Instant expiresAt = now.plus(purpose.lifetime);
        repository.add(OpaqueToken.hashOf(token), tenantId, userId, purpose.name(), newEmail, now, expiresAt);
        return new Issued(token, expiresAt);
    }

    /**
     * Marks the token used; refuses unknown, used, expired or other-purpose tokens. The caller has checked
     * its form and found its tenant ({@link AccountLinks#tenantOf}).
     */
    public Redeemed redeem(@TenantId UUID tenantId, String token, Purpose purpose) {
        String hash = OpaqueToken.hashOf(token);
        UserTokenRepository.LockedToken row = repository.lock(hash).orElseThrow(AccountLinks::invalid);
        if (!purpose.name().equals(row.purpose())) {
            throw AccountLinks.invalid();
        }
        row.state().refusalAt(Instant.now()).ifPresent(refusal -> {
            throw ProblemException.invalid("token", refusal == SingleUseToken.Refusal.USED
                    ? "was already used or replaced by a newer link" : "has expired; ask for a new link");
        });
        repository.markUsed(hash, StoredTime.now());
        return new Redeemed(tenantId, row.userId(), row.newEmail());
    }

    /** An undone email change: the links sent for a password reset or to the new address stop working. */
    public void voidResetsAndVerifications(@TenantId UUID tenantId, UUID userId) {
        repository.voidUnusedResetsAndVerifications(userId, StoredTime.now());
    }
}
