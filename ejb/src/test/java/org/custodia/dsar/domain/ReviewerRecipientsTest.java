package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.custodia.dsar.domain.ReviewerRecipients.Occasion;
import org.custodia.identity.domain.UserAccount;
import org.junit.jupiter.api.Test;

class ReviewerRecipientsTest {

    static final UUID TENANT = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    static UserAccount active(String email, String role) {
        UserAccount u = UserAccount.invited(TENANT, email, role, NOW);
        u.activate("hash", null, NOW);
        return u;
    }

    final UserAccount dpo1 = active("dpo1@example.org", "APPROVER");
    final UserAccount dpo2 = active("dpo2@example.org", "APPROVER");
    final UserAccount admin = active("admin@example.org", "ADMIN");
    final UserAccount manager = active("manager@example.org", "MANAGER");
    final UserAccount invitedDpo = UserAccount.invited(TENANT, "invited@example.org", "APPROVER", NOW);
    final UserAccount disabledAdmin = disabled(active("gone@example.org", "ADMIN"));
    final UserAccount customApprover = active("custom@example.org", "approver-lite");
    final List<UserAccount> users = List.of(dpo1, dpo2, admin, manager, invitedDpo, disabledAdmin, customApprover);

    static UserAccount disabled(UserAccount u) {
        u.disable();
        return u;
    }

    @Test
    void aWarningGoesToTheAssigneeAlone() {
        assertThat(ReviewerRecipients.of(Occasion.WARNING, Optional.of(dpo2), users)).containsExactly("dpo2@example.org");
    }

    @Test
    void anUnassignedWarningGoesToEveryReachableApprover() {
        assertThat(ReviewerRecipients.of(Occasion.WARNING, Optional.empty(), users))
                .containsExactly("dpo1@example.org", "dpo2@example.org");
    }

    @Test
    void aWarningWhoseAssigneeCannotBeReachedGoesToTheApprovers() {
        UserAccount gone = disabled(active("left@example.org", "APPROVER"));
        assertThat(ReviewerRecipients.of(Occasion.WARNING, Optional.of(gone), users))
                .containsExactly("dpo1@example.org", "dpo2@example.org");
    }

    @Test
    void aBreachGoesToTheAssigneeAndTheApproversOnceEach() {
        assertThat(ReviewerRecipients.of(Occasion.BREACH, Optional.of(dpo2), users))
                .containsExactly("dpo2@example.org", "dpo1@example.org");
        UserAccount managerAssignee = manager; // e.g. a role changed after the claim: still told
        assertThat(ReviewerRecipients.of(Occasion.BREACH, Optional.of(managerAssignee), users))
                .containsExactly("manager@example.org", "dpo1@example.org", "dpo2@example.org");
        assertThat(ReviewerRecipients.of(Occasion.BREACH, Optional.empty(), users))
                .containsExactly("dpo1@example.org", "dpo2@example.org");
    }

    @Test
    void anEscalationGoesToActiveAdminsOnly_notTheAssignee() {
        assertThat(ReviewerRecipients.of(Occasion.ESCALATION, Optional.of(dpo1), users)).containsExactly("admin@example.org");
    }

    @Test
    void nobodyReachableMeansNoMail() {
        assertThat(ReviewerRecipients.of(Occasion.ESCALATION, Optional.empty(), List.of(disabledAdmin, invitedDpo))).isEmpty();
        assertThat(ReviewerRecipients.of(Occasion.WARNING, Optional.of(invitedDpo), List.of(invitedDpo))).isEmpty();
    }
}
