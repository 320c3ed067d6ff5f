package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class FailedSignInReportTest {

    @Test
    void totalsAddressesDevicesAndFailuresPerKnownAccount() {
        UUID dana = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID eli = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        Map<String, Object> payload = FailedSignInReport.of(List.of(
                new PendingSignInFailures(dana, 3, 1, null),
                new PendingSignInFailures(dana, 2, 0, UUID.randomUUID()), // dana's trusted device
                new PendingSignInFailures(null, 7, 4, null), // an address without an account
                new PendingSignInFailures(eli, 1, 0, null)));
        assertThat(payload).containsEntry("failures", 13L).containsEntry("refusedWhileBackingOff", 5L)
                .containsEntry("addresses", 3L).containsEntry("trustedDevices", 1L).containsEntry("knownAccounts", 2)
                .containsEntry("failuresByUser", dana + ":5," + eli + ":1");
        assertThat(payload.keySet()).containsExactly("failures", "refusedWhileBackingOff", "addresses", "trustedDevices",
                "knownAccounts", "failuresByUser");
    }

    @Test
    void listsAtMostAHundredAccounts() {
        List<PendingSignInFailures> claimed = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            claimed.add(new PendingSignInFailures(UUID.randomUUID(), 1, 0, null));
        }
        Map<String, Object> payload = FailedSignInReport.of(claimed);
        assertThat(payload).containsEntry("knownAccounts", 150).containsEntry("failures", 150L);
        assertThat(((String) payload.get("failuresByUser")).split(",")).hasSize(FailedSignInReport.MAX_LISTED_USERS);
    }
}
