package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** Nobody hands out more than they hold, nor acts on someone who holds more. */
class RoleRulesTest {

    static final Set<String> IT = Set.of("user:view", "user:invite", "api_key:create");

    @Test
    void aRoleMustBeNamed() {
        assertThatThrownBy(() -> RoleRules.requireRoleNamed(" ")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("role"));
        assertThatThrownBy(() -> RoleRules.requireRoleNamed(null)).isInstanceOf(ProblemException.class);
        assertThatCode(() -> RoleRules.requireRoleNamed("IT")).doesNotThrowAnyException();
    }

    @Test
    void anUnknownRoleIsInvalidAndAStrongerOneIsAnEscalation() {
        assertThatThrownBy(() -> RoleRules.requireAssignable(IT, Set.of())).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> RoleRules.requireAssignable(IT, Set.of("user:view", "role:create")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("role");
                });
        assertThatCode(() -> RoleRules.requireAssignable(IT, Set.of("user:view"))).doesNotThrowAnyException();
        assertThatCode(() -> RoleRules.requireAssignable(IT, IT)).doesNotThrowAnyException();
    }

    @Test
    void aCallerDoesNotActOnATargetHoldingMoreThanItself() {
        assertThatThrownBy(() -> RoleRules.requireNotOutranked(IT, Set.of("user:view", "settings:update"), "id"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("id");
                });
        assertThatCode(() -> RoleRules.requireNotOutranked(IT, Set.of("user:view"), "id")).doesNotThrowAnyException();
    }

    @Test
    void aDefinitionNamesItselfDescribesItselfAndGrantsOnlyKnownPermissions() {
        Set<String> known = Set.of("user:view", "user:invite");
        assertThat(RoleRules.definitionErrors("auditors-eu", "EU auditors", List.of("user:view"), known)).isEmpty();
        assertThat(RoleRules.definitionErrors("Auditors", "", List.of(), known)).extracting(FieldError::field)
                .containsExactly("name", "description", "permissions");
        assertThat(RoleRules.definitionErrors("a", "x".repeat(501), null, known)).extracting(FieldError::field)
                .containsExactly("name", "description", "permissions");
        assertThat(RoleRules.definitionErrors("ok", "fine", List.of("user:view", "dsar:fly", "user:invite"), known))
                .containsExactly(new FieldError("permissions", "unknown permission 'dsar:fly'"));
    }

    @Test
    void grantingMoreThanTheCallerHoldsIsAnEscalation() {
        assertThatThrownBy(() -> RoleRules.requireHeld(IT, List.of("user:view", "role:delete"), "permissions"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("permissions"));
        assertThatCode(() -> RoleRules.requireHeld(IT, List.of("user:view"), "permissions")).doesNotThrowAnyException();
    }
}
