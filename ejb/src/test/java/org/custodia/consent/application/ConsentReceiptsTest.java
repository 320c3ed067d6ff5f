package org.custodia.consent.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.custodia.consent.domain.ConsentDecision;
import org.custodia.consent.domain.ConsentEvent;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.NoticeVersion;
import org.custodia.consent.domain.PurposeDetails;
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

    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @SuppressWarnings("unchecked")
    static Map<String, Object> eventPart(Map<String, Object> receipt) {
        return (Map<String, Object>) receipt.get("event");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> purposePart(Map<String, Object> receipt) {
        Map<String, Object> service = ((List<Map<String, Object>>) receipt.get("services")).get(0);
        return ((List<Map<String, Object>>) service.get("purposes")).get(0);
    }

    @Test
    void aGrantUnderANoticeNamesTheNoticeItsPolicyUrlAndItsEnd() {
        ConsentPurpose purpose = new ConsentPurpose(UUID.randomUUID(), "news letter", "News", null, PurposeDetails.DEFAULTS, AT);
        purpose.publishNotice(AT);
        NoticeVersion notice = new NoticeVersion("news letter", 1, Map.of("de", "Hallo"), "h1", AT);
        ConsentEvent grant = new ConsentEvent(purpose.tenantId(), "u-1", purpose, ConsentDecision.GRANTED, "web", "key:1", "r-1", AT)
                .shown(1, "h1", null, AT.plusSeconds(86_400));
        Map<String, Object> r = ConsentReceipts.content(grant, purpose, "Acme", "acme", notice, "EU", "https://custodia.example");
        assertThat(r.get("jurisdiction")).isEqualTo("EU");
        assertThat(r.get("consentReceiptID")).isEqualTo(grant.id().toString());
        assertThat(r.get("piiPrincipalId")).isEqualTo("u-1");
        assertThat(r.get("language")).isEqualTo("de");
        assertThat(r.get("policyUrl")).isEqualTo("https://custodia.example/api/v1/purposes/news+letter/notices/1");
        assertThat(r.get("piiControllers")).isEqualTo(List.of(Map.of("piiController", "Acme", "contact", "acme", "onBehalf", false)));
        assertThat(eventPart(r)).containsEntry("state", "given").containsEntry("noticeVersion", 1).containsEntry("noticeHash", "h1")
                .containsEntry("validUntil", "2026-03-02T10:00:00Z");
        assertThat(purposePart(r)).containsEntry("termination", "2026-03-02T10:00:00Z").containsEntry("legalBasis", "CONSENT");
    }

    @Test
    void eachDecisionHasItsIso27560StateAndAnEventWithoutNoticeHasNoPolicyUrl() {
        ConsentPurpose purpose = new ConsentPurpose(UUID.randomUUID(), "news", "News", null, PurposeDetails.DEFAULTS, AT);
        Map<ConsentDecision, String> states = Map.of(ConsentDecision.GRANTED, "given", ConsentDecision.WITHDRAWN, "withdrawn",
                ConsentDecision.EXPIRED, "expired", ConsentDecision.SUPERSEDED, "invalidated");
        states.forEach((decision, state) -> {
            ConsentEvent e = new ConsentEvent(purpose.tenantId(), "u-1", purpose, decision, "api", "key:1", null, AT);
            Map<String, Object> r = ConsentReceipts.content(e, purpose, "Acme", "acme", null, "", "https://custodia.example");
            assertThat(eventPart(r).get("state")).as(decision.name()).isEqualTo(state);
            assertThat(r.get("policyUrl")).isNull();
            assertThat(r.get("language")).isEqualTo("en");
            assertThat(purposePart(r).get("termination")).isEqualTo("on withdrawal");
        });
    }
}
