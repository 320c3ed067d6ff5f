package org.custodia.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A transaction belongs to one tenant: bound once, never switched. */
class TenantSessionTest {

    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void anUnboundTransactionIsBound() {
        assertThat(TenantSession.alreadyBound(null, A)).isFalse();
    }

    @Test
    void theSameTenantAgainCostsNothing() {
        assertThat(TenantSession.alreadyBound(A, A)).isTrue();
    }

    @Test
    void anotherTenantInTheSameTransactionIsRefused() {
        // else the outer caller would go on reading and writing as B after a nested call for B returned
        assertThatThrownBy(() -> TenantSession.alreadyBound(A, B)).isInstanceOf(TenantSwitchException.class)
                .hasMessageContaining(A.toString()).hasMessageContaining(B.toString());
    }
}
