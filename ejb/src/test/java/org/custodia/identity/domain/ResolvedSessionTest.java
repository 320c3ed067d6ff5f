package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.custodia.platform.context.ApiCaller;
import org.junit.jupiter.api.Test;

/** A resolved session cookie authenticates only while the session, its user and the tenant's idle limit allow. */
class ResolvedSessionTest {

    static final Duration ABSOLUTE = Duration.ofHours(24);
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static ResolvedSession session(Instant createdAt, Instant expiresAt, Instant lastSeenAt, boolean revoked, String userStatus,
                                   boolean mfaSatisfied) {
        return new ResolvedSession(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "IT", Set.of("user:view"), expiresAt,
                revoked, mfaSatisfied, userStatus, createdAt, lastSeenAt, 30);
    }

    @Test
    void aLiveSessionLastsUntilItsExpiry() {
        ResolvedSession s = session(NOW.minusSeconds(3600), NOW.plusSeconds(600), NOW.minusSeconds(60), false, "ACTIVE", true);
        assertThat(s.liveUntil(NOW, ABSOLUTE)).contains(NOW.plusSeconds(600));
    }

    @Test
    void neverBeyondTheAbsoluteLifetimeFromSignIn() {
        Instant createdAt = NOW.minus(Duration.ofHours(23));
        ResolvedSession s = session(createdAt, NOW.plus(Duration.ofHours(8)), NOW.minusSeconds(60), false, "ACTIVE", true);
        assertThat(s.liveUntil(NOW, ABSOLUTE)).contains(createdAt.plus(ABSOLUTE));
        ResolvedSession old = session(NOW.minus(ABSOLUTE), NOW.plus(Duration.ofHours(8)), NOW.minusSeconds(60), false, "ACTIVE", true);
        assertThat(old.liveUntil(NOW, ABSOLUTE)).isEmpty();
    }

    @Test
    void revokedExpiredIdleOrOfAnInactiveUserIsNoSession() {
        Instant created = NOW.minusSeconds(3600);
        assertThat(session(created, NOW.plusSeconds(600), NOW, true, "ACTIVE", true).liveUntil(NOW, ABSOLUTE)).isEmpty();
        assertThat(session(created, NOW, NOW, false, "ACTIVE", true).liveUntil(NOW, ABSOLUTE)).isEmpty();
        assertThat(session(created, NOW.plusSeconds(600), NOW.minusSeconds(30 * 60), false, "ACTIVE", true).liveUntil(NOW, ABSOLUTE))
                .isEmpty();
        assertThat(session(created, NOW.plusSeconds(600), NOW.minusSeconds(30 * 60 - 1), false, "ACTIVE", true).liveUntil(NOW, ABSOLUTE))
                .isPresent();
        assertThat(session(created, NOW.plusSeconds(600), NOW, false, "DISABLED", true).liveUntil(NOW, ABSOLUTE)).isEmpty();
        assertThat(session(created, NOW.plusSeconds(600), NOW, false, "INVITED", true).liveUntil(NOW, ABSOLUTE)).isEmpty();
    }

    @Test
    void mfaIsPendingOnlyWhenTheTenantRequiresItAndTheSessionHasNotPassedIt() {
        Instant created = NOW.minusSeconds(3600);
        ResolvedSession unproven = session(created, NOW.plusSeconds(600), NOW, false, "ACTIVE", false);
        ResolvedSession proven = session(created, NOW.plusSeconds(600), NOW, false, "ACTIVE", true);
        assertThat(unproven.caller(NOW.plusSeconds(600), true).mfaPending()).isTrue();
        assertThat(unproven.caller(NOW.plusSeconds(600), false).mfaPending()).isFalse();
        assertThat(proven.caller(NOW.plusSeconds(600), true).mfaPending()).isFalse();
        ApiCaller caller = proven.caller(NOW.plusSeconds(600), false);
        assertThat(caller.kind()).isEqualTo(ApiCaller.Kind.SESSION);
        assertThat(caller.sessionId()).isEqualTo(proven.sessionId());
        assertThat(caller.callerId()).isEqualTo(proven.userId());
        assertThat(caller.tenantId()).isEqualTo(proven.tenantId());
        assertThat(caller.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }
}
