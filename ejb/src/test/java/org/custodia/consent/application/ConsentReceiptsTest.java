package org.custodia.consent.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a receipt is compared with the ledger on. */
class ConsentReceiptsTest {

    static Map<String, Object> receipt(String jurisdiction, String policyUrl, String subject) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("jurisdiction", jurisdiction);
        r.put("policyUrl", policyUrl);
        r.put("piiPrincipalId", subject);
        r.put("event", Map.of("noticeVersion", 1, "noticeHash", "ab"));
        return r;
    }

    @Test
    void settingsThatMayChangeAfterIssueAreNotLedgerFacts() {
        assertThat(ConsentReceipts.ledgerFacts(receipt("EU", "https://old.example/notices/a/1", "u-1")))
                .isEqualTo(ConsentReceipts.ledgerFacts(receipt("IN", "https://new.example/api/v1/purposes/a/notices/1", "u-1")));
        assertThat(ConsentReceipts.ledgerFacts(receipt("EU", "x", "u-1")))
                .isNotEqualTo(ConsentReceipts.ledgerFacts(receipt("EU", "x", "u-2")));
        assertThat(ConsentReceipts.ledgerFacts(receipt("EU", "x", "u-1"))).containsKeys("piiPrincipalId", "event")
                .doesNotContainKeys("jurisdiction", "policyUrl");
    }
}
