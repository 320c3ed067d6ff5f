package org.custodia.consent.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.custodia.consent.domain.ConsentDecision;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.NoticeVersion;
import org.custodia.consent.domain.PurposeDetails;
import org.custodia.consent.infrastructure.ConsentStateRepository;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** What the ledger decides before it writes: field errors, the notice a decision was given under, supersession. */
class ConsentLedgerRulesTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static ConsentLedger.Recording grant(Integer notice) {
        return new ConsentLedger.Recording("s-1", "news", ConsentDecision.GRANTED, null, notice, null, null, null, false);
    }

    static ConsentPurpose purpose(int notices) {
        ConsentPurpose p = new ConsentPurpose(UUID.randomUUID(), "news", "News", null, PurposeDetails.DEFAULTS, NOW);
        for (int i = 0; i < notices; i++) {
            p.publishNotice(NOW);
        }
        return p;
    }

    @Test
    void aValidGrantHasNoErrorsAndItsSourceDefaultsToApi() {
        assertThat(ConsentLedger.validate(grant(null), NOW)).isEmpty();
        assertThat(grant(null).sourceOrDefault()).isEqualTo("api");
    }

    @Test
    void everyBadFieldIsNamedTogether() {
        ConsentLedger.Recording bad = new ConsentLedger.Recording(" ", null, ConsentDecision.EXPIRED, "fax", null,
                NOW.plusSeconds(60), "", "not-an-address", false);
        assertThat(ConsentLedger.validate(bad, NOW)).extracting(FieldError::field)
                .containsExactly("subject", "purpose", "action", "source", "expiresAt", "clientIp", "email");
    }

    @Test
    void onlyAGrantExpiresInTheFutureAndWithinTenYears() {
        assertThat(ConsentLedger.validate(new ConsentLedger.Recording("s", "p", ConsentDecision.GRANTED, null, null,
                NOW.plusSeconds(60), null, null, false), NOW)).isEmpty();
        for (Instant at : new Instant[] {NOW, NOW.plus(ConsentLedger.LONGEST_VALIDITY).plusSeconds(1)}) {
            assertThat(ConsentLedger.validate(new ConsentLedger.Recording("s", "p", ConsentDecision.GRANTED, null, null, at, null, null,
                    false), NOW)).extracting(FieldError::field).containsExactly("expiresAt");
        }
        assertThat(ConsentLedger.validate(new ConsentLedger.Recording("s", "p", ConsentDecision.WITHDRAWN, null, null,
                NOW.plusSeconds(60), null, null, false), NOW)).extracting(FieldError::field).containsExactly("expiresAt");
    }

    @Test
    void aGrantIsGivenUnderTheNamedNoticeOrElseTheCurrentOne() {
        assertThat(ConsentLedger.noticeVersionShown(grant(null), purpose(2))).isEqualTo(2);
        assertThat(ConsentLedger.noticeVersionShown(grant(1), purpose(2))).isEqualTo(1);
        assertThat(ConsentLedger.noticeVersionShown(grant(null), purpose(0))).isNull();
        ConsentLedger.Recording withdrawal = new ConsentLedger.Recording("s", "news", ConsentDecision.WITHDRAWN, null, 1, null, null, null,
                false);
        assertThat(ConsentLedger.noticeVersionShown(withdrawal, purpose(2))).isNull();
    }

    @Test
    void namingANoticeOfAPurposeWithoutOneIsAnError() {
        assertThatThrownBy(() -> ConsentLedger.noticeVersionShown(grant(1), purpose(0))).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).errors()).extracting(FieldError::field).containsExactly("noticeVersion"));
    }

    @Test
    void aGrantUnderAnotherNoticeSupersedesTheCurrentGrantAndNothingElseDoes() {
        NoticeVersion v2 = new NoticeVersion("news", 2, Map.of("en", "x"), "h", NOW);
        ConsentStateRepository.CurrentGrant underV1 = new ConsentStateRepository.CurrentGrant(UUID.randomUUID(), 1);
        ConsentStateRepository.CurrentGrant underV2 = new ConsentStateRepository.CurrentGrant(UUID.randomUUID(), 2);
        ConsentStateRepository.CurrentGrant withoutNotice = new ConsentStateRepository.CurrentGrant(UUID.randomUUID(), null);
        assertThat(ConsentLedger.supersedes(ConsentDecision.GRANTED, v2, underV1)).isTrue();
        assertThat(ConsentLedger.supersedes(ConsentDecision.GRANTED, v2, withoutNotice)).isTrue();
        assertThat(ConsentLedger.supersedes(ConsentDecision.GRANTED, v2, underV2)).isFalse();
        assertThat(ConsentLedger.supersedes(ConsentDecision.GRANTED, v2, null)).isFalse();
        assertThat(ConsentLedger.supersedes(ConsentDecision.GRANTED, null, underV1)).isFalse();
        assertThat(ConsentLedger.supersedes(ConsentDecision.WITHDRAWN, v2, underV1)).isFalse();
    }
}
