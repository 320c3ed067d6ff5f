package org.custodia.tenancy.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenant creation refuses bad input before anything is written, and names the new tenant's id when it provisions. */
class TenantServiceTest {

    private final List<String> provisioned = new ArrayList<>();
    private final List<UUID> ids = new ArrayList<>();
    private TenantService service;

    @BeforeEach
    void service() {
        service = new TenantService();
        service.provisioning = new TenantProvisioning() {
            @Override
            public TenantService.CreatedTenant provision(UUID id, String slug, String name, String requestId) {
                ids.add(id);
                provisioned.add(slug + "|" + name + "|" + requestId);
                return null;
            }
        };
    }

    @Test
    void badSlugAndNameAreRefusedTogetherAndNothingIsProvisioned() {
        assertThatThrownBy(() -> service.create("-Bad Slug", "  ", "req-1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("slug", "name");
                });
        assertThatThrownBy(() -> service.create("a", "x".repeat(201), "req-1")).isInstanceOf(ProblemException.class);
        assertThat(provisioned).isEmpty();
    }

    @Test
    void aValidTenantIsProvisionedUnderAFreshIdWithItsNameTrimmed() {
        service.create("acme-2", "  Acme Ltd ", "req-1");
        service.create("acme-3", "Acme", "req-2");

        assertThat(provisioned).containsExactly("acme-2|Acme Ltd|req-1", "acme-3|Acme|req-2");
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void noSlugResolvesToNoTenantWithoutAskingTheDatabase() {
        assertThat(service.idOfSlug(null)).isNull();
    }
}
