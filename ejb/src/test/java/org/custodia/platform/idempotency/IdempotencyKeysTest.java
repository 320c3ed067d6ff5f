package org.custodia.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a request with an Idempotency-Key finds: another one running, an earlier answer, or nothing. */
class IdempotencyKeysTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID CALLER = UUID.randomUUID();

    private boolean lockFree = true;
    private IdempotencyKeys.StoredResponse earlier;
    private final List<String> saved = new ArrayList<>();
    private IdempotencyKeys keys;

    @BeforeEach
    void service() {
        keys = new IdempotencyKeys();
        keys.records = new IdempotencyRepository() {
            @Override public boolean tryLock(UUID tenantId, UUID callerId, String key) { return lockFree; }
            @Override public Optional<IdempotencyKeys.StoredResponse> find(UUID tenantId, UUID callerId, String key) {
                return Optional.ofNullable(earlier);
            }
            @Override public void save(UUID tenantId, UUID callerId, String key, IdempotencyKeys.StoredResponse response,
                                       Instant createdAt, Instant expiresAt) {
                saved.add(key + " " + response.status() + " " + Duration.between(createdAt, expiresAt));
            }
        };
    }

    @Test
    void aKeyLockedByAnotherRequestIsInFlight() {
        lockFree = false;
        earlier = new IdempotencyKeys.StoredResponse("h", 201, "application/json", "{}", false);
        assertThat(keys.lookup(TENANT, CALLER, "k-1")).isInstanceOf(IdempotencyKeys.InFlight.class);
    }

    @Test
    void anEarlierAnswerIsReplayedAndAFirstUseIsFresh() {
        assertThat(keys.lookup(TENANT, CALLER, "k-1")).isInstanceOf(IdempotencyKeys.Fresh.class);
        earlier = IdempotencyKeys.StoredResponse.withheld("h", 201);
        assertThat(keys.lookup(TENANT, CALLER, "k-1")).isEqualTo(new IdempotencyKeys.Replay(earlier));
    }

    @Test
    void anAnswerIsKeptForTheRetentionPeriod() {
        keys.store(TENANT, CALLER, "k-2", IdempotencyKeys.StoredResponse.withheld("h", 201));
        assertThat(saved).containsExactly("k-2 201 " + IdempotencyKeys.RETENTION);
    }
}
