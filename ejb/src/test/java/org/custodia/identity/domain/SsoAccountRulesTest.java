package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** The provider's word alone never takes over an account. */
class SsoAccountRulesTest {

    static final UUID TENANT = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static UserAccount local() {
        UserAccount user = UserAccount.invited(TENANT, "dana@example.org", "MANAGER", NOW);
        user.activate("$argon2id$hash", null, NOW);
        return user;
    }

    static UserAccount provisioned(String role) {
        return UserAccount.provisioned(TENANT, "https://idp.example.org", "sub-1", "eli@example.org", role, NOW);
    }

    static int status(Runnable r) {
        try {
            r.run();
            return 0;
        } catch (ProblemException e) {
            return e.status();
        }
    }

    @Test
    void aLinkIsRequestedOnlyForAnEnabledUnlinkedAccountWhoseAddressTheProviderVouchesFor() {
        assertThatCode(() -> SsoAccountRules.requireLinkRequestable(local(), true)).doesNotThrowAnyException();
        assertThat(status(() -> SsoAccountRules.requireLinkRequestable(local(), false))).isEqualTo(409);
        assertThat(status(() -> SsoAccountRules.requireLinkRequestable(provisioned("IT"), true))).isEqualTo(409);
        UserAccount disabled = local();
        disabled.disable();
        assertThat(status(() -> SsoAccountRules.requireLinkRequestable(disabled, true))).isEqualTo(403);
    }

    @Test
    void onlyUsersTheProviderProvisionedFollowItsRole() {
        assertThat(SsoAccountRules.roleFollowsProvider(provisioned("IT"), "ADMIN")).isTrue();
        assertThat(SsoAccountRules.roleFollowsProvider(provisioned("IT"), "IT")).isFalse();
        assertThat(SsoAccountRules.roleFollowsProvider(local(), "ADMIN")).isFalse();
    }

    @Test
    void theOwnerLinksAnEnabledUnlinkedAccountToAnIdentityWithoutOneAndBringsTheSecondFactor() {
        assertThatCode(() -> SsoAccountRules.requireLinkable(local(), () -> false, false)).doesNotThrowAnyException();
        UserAccount disabled = local();
        disabled.disable();
        assertThat(status(() -> SsoAccountRules.requireLinkable(disabled, () -> false, true))).isEqualTo(403);
        assertThatThrownBy(() -> SsoAccountRules.requireLinkable(provisioned("IT"), () -> {
            throw new AssertionError("an already linked account is refused before the identity is looked up");
        }, true)).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(status(() -> SsoAccountRules.requireLinkable(local(), () -> true, true))).isEqualTo(409);
        UserAccount withTotp = local();
        withTotp.enableTotp(1, NOW);
        assertThatThrownBy(() -> SsoAccountRules.requireLinkable(withTotp, () -> false, false))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.type()).isEqualTo("mfa-required");
                });
        assertThatCode(() -> SsoAccountRules.requireLinkable(withTotp, () -> false, true)).doesNotThrowAnyException();
    }
}
