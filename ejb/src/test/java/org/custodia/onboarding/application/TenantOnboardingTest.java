package org.custodia.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.custodia.identity.application.ApiKeyService;
import org.custodia.platform.context.Actor;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.TenantProvisioning;
import org.custodia.tenancy.domain.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenant creation refuses bad input before anything is written, and names the new tenant's id when it provisions. */
class TenantOnboardingTest {

    private final List<String> provisioned = new ArrayList<>();
    private final List<UUID> ids = new ArrayList<>();
    private final List<String> keysIssued = new ArrayList<>();
    private TenantOnboarding onboarding;

    @BeforeEach
    void service() {
        onboarding = new TenantOnboarding();
        onboarding.provisioning = new TenantProvisioning() {
            @Override
            public Tenant provision(UUID id, String slug, String name, String requestId) {
                ids.add(id);
                provisioned.add(slug + "|" + name + "|" + requestId);
                return new Tenant(id, slug, name, java.time.Instant.now());
            }
        };
        onboarding.apiKeys = new ApiKeyService() {
            @Override
            public IssuedKey issueFirstAdminKey(Actor actor) {
                keysIssued.add(actor.tenantId() + "|" + actor.principal() + "|initial admin key|ADMIN");
                return null;
            }
        };
    }

    @Test
    void badSlugAndNameAreRefusedTogetherAndNothingIsProvisioned() {
        assertThatThrownBy(() -> onboarding.create("-Bad Slug", "  ", "req-1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("slug", "name");
                });
        assertThatThrownBy(() -> onboarding.create("a", "x".repeat(201), "req-1")).isInstanceOf(ProblemException.class);
        assertThat(provisioned).isEmpty();
        assertThat(keysIssued).isEmpty();
    }

    @Test
    void aValidTenantIsProvisionedUnderAFreshIdAndGetsAFirstAdminKey() {
        TenantOnboarding.CreatedTenant a = onboarding.create("acme-2", "  Acme Ltd ", "req-1");
        onboarding.create("acme-3", "Acme", "req-2");

        assertThat(provisioned).containsExactly("acme-2|Acme Ltd|req-1", "acme-3|Acme|req-2");
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(a.tenant().id()).isEqualTo(ids.get(0));
        assertThat(keysIssued).containsExactly(ids.get(0) + "|system:bootstrap|initial admin key|ADMIN",
                ids.get(1) + "|system:bootstrap|initial admin key|ADMIN");
    }
}
