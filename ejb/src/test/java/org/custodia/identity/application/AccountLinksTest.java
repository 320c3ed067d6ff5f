package org.custodia.identity.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** A mailed link's token names its tenant; a malformed one is refused without a look-up, an unknown one like a malformed one. */
class AccountLinksTest {

    @Test
    void aKnownTokenNamesItsTenantByTheHashOfTheToken() {
        UUID tenant = UUID.randomUUID();
        String token = OpaqueToken.generate(UserTokens.PREFIX);
        List<String> asked = new ArrayList<>();
        UUID found = AccountLinks.tenantOf(token, UserTokens.PREFIX, hash -> {
            asked.add(hash);
            return Optional.of(tenant);
        });
        assertThat(found).isEqualTo(tenant);
        assertThat(asked).containsExactly(OpaqueToken.hashOf(token));
    }

    @Test
    void malformedAndUnknownTokensGetTheSameRefusal() {
        List<String> asked = new ArrayList<>();
        for (String malformed : new String[] {null, "", "cus_t_short", OpaqueToken.generate(SsoUsers.LINK_PREFIX)}) {
            assertThatThrownBy(() -> AccountLinks.tenantOf(malformed, UserTokens.PREFIX, hash -> {
                asked.add(hash);
                return Optional.of(UUID.randomUUID());
            })).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors())
                    .containsExactly(new FieldError("token", "is not a valid link token")));
        }
        assertThat(asked).as("a malformed token is never looked up").isEmpty();
        assertThatThrownBy(() -> AccountLinks.tenantOf(OpaqueToken.generate(SsoUsers.LINK_PREFIX), SsoUsers.LINK_PREFIX,
                hash -> Optional.empty())).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors())
                .containsExactly(new FieldError("token", "is not a valid link token")));
    }
}
