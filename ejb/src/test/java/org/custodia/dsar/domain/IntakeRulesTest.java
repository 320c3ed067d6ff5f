package org.custodia.dsar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.custodia.dsar.domain.DuplicateRequests.Earlier;
import org.custodia.dsar.domain.EmailConfirmation.State;
import org.custodia.identity.domain.SingleUseToken;
import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

/** The pure rules of the intake: address normalisation, contact checks, settings, the duplicate window, link states, inferred law. */
class IntakeRulesTest {

    static final Instant NOW = Instant.parse("2026-03-31T10:00:00Z");
    static final IntakeSettings SETTINGS = IntakeSettings.DEFAULT;

    @Test
    void addressesAreComparedTrimmedLowerCaseAndComposed() {
        assertThat(SubjectContact.normalisedEmail("  Ana.Silva@Example.ORG ")).isEqualTo("ana.silva@example.org");
        // "é" precomposed and as e + combining acute give one index
        assertThat(SubjectContact.normalisedEmail("jos\u00e9@example.org")).isEqualTo(SubjectContact.normalisedEmail("JOSE\u0301@example.org"));
        assertThat(SubjectContact.normalisedEmail("ana@example.org")).isNotEqualTo(SubjectContact.normalisedEmail("ana@example.com"));
    }

    @Test
    void theContactIsCheckedFieldByField() {
        assertThat(SubjectContact.problems("ana@example.org", "Ana", "my orders", "de-DE", null, true)).isEmpty();
        assertThat(fields(SubjectContact.problems(null, null, null, null, null, true))).containsExactly("email");
        assertThat(SubjectContact.problems(null, null, null, null, null, false)).isEmpty();
        assertThat(fields(SubjectContact.problems("not-an-address", " ", "x".repeat(4001), "../etc", null, true)))
                .containsExactly("email", "name", "details", "language");
        assertThat(fields(SubjectContact.problems(null, null, null, null, new SubjectContact.Agent(null, "nope", ""), false)))
                .containsExactly("agent.name", "agent.email", "agent.authorisationEvidence");
        assertThat(SubjectContact.languageCode("de-DE")).isEqualTo("de");
        assertThat(SubjectContact.languageCode("x1")).isNull();
    }

    @Test
    void mailGoesToTheAgentWhenOneActs() {
        assertThat(new SubjectContact(" ana@example.org", null, null, null, null).mailRecipient()).isEqualTo("ana@example.org");
        assertThat(new SubjectContact("ana@example.org", null, null, null,
                new SubjectContact.Agent("Law firm", "agent@example.net", "signed letter 2026-03-01")).mailRecipient())
                .isEqualTo("agent@example.net");
        assertThat(new SubjectContact(null, null, null, null, null).mailRecipient()).isNull();
    }

    @Test
    void settingsTakeIsoDurationsWithinBounds() {
        assertThat(IntakeSettings.problems("P7D", "P30D")).isEmpty();
        assertThat(IntakeSettings.problems("PT5S", "P0D")).isEmpty();
        assertThat(fields(IntakeSettings.problems("P31D", "P1M"))).containsExactly("identityLinkValidity", "duplicateWindow");
        assertThat(fields(IntakeSettings.problems("PT0S", "-P1D"))).containsExactly("identityLinkValidity", "duplicateWindow");
        assertThat(fields(IntakeSettings.problems(null, "soon"))).containsExactly("identityLinkValidity", "duplicateWindow");
        IntakeSettings parsed = IntakeSettings.parse("PT12H", "P14D");
        assertThat(parsed.linkExpiresAt(NOW)).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(IsoDuration.text(parsed.identityLinkValidity())).isEqualTo("PT12H");
        assertThat(IsoDuration.text(parsed.duplicateWindow())).isEqualTo("P14D");
        assertThat(SETTINGS.linkExpiresAt(NOW)).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void theDownloadLinkWorksFourteenDaysUnlessTheTenantSaysOtherwiseWithinNinety() {
        assertThat(SETTINGS.downloadLinkValidity()).isEqualTo(Duration.ofDays(14));
        assertThat(IntakeSettings.parse("P7D", "P30D").downloadLinkValidity()).isEqualTo(Duration.ofDays(14));
        assertThat(IntakeSettings.parse("P7D", "P30D", "PT10M", null).downloadLinkValidity()).isEqualTo(Duration.ofMinutes(10));
        assertThat(IntakeSettings.problems("P7D", "P30D", "P90D", null)).isEmpty();
        assertThat(fields(IntakeSettings.problems("P7D", "P30D", "P91D", null))).containsExactly("downloadLinkValidity");
        assertThat(fields(IntakeSettings.problems("P7D", "P30D", "PT0S", null))).containsExactly("downloadLinkValidity");
        assertThat(fields(IntakeSettings.problems("P7D", "P30D", "P1M", null))).containsExactly("downloadLinkValidity");
        // the package's retention: a day to a year, default a month
        assertThat(IntakeSettings.parse("P7D", "P30D").packageRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(IntakeSettings.parse("P7D", "P30D", null, "P366D").packageRetention()).isEqualTo(Duration.ofDays(366));
        assertThat(IntakeSettings.problems("P7D", "P30D", null, "PT1S")).isEmpty();
        assertThat(fields(IntakeSettings.problems("P7D", "P30D", null, "P367D"))).containsExactly("packageRetention");
        assertThat(fields(IntakeSettings.problems("P7D", "P30D", null, "P1Y"))).containsExactly("packageRetention");
    }

    @Test
    void aRepeatWithinTheWindowIsLinkedToTheFirstOfItsChain() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        List<Earlier> earlier = List.of(
                new Earlier(first, null, NOW.minus(Duration.ofDays(20)), DsarRequest.Status.CLOSED),
                new Earlier(second, first, NOW.minus(Duration.ofDays(3)), DsarRequest.Status.IN_REVIEW));
        assertThat(DuplicateRequests.original(fresh, NOW, earlier, SETTINGS)).contains(first);
        assertThat(DuplicateRequests.original(fresh, NOW, earlier.subList(0, 1), SETTINGS)).contains(first);
    }

    @Test
    void theWindowIsExclusiveAtItsStartAndIgnoresUnconfirmedAndLaterRequests() {
        UUID old = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        assertThat(DuplicateRequests.original(fresh, NOW,
                List.of(new Earlier(old, null, NOW.minus(Duration.ofDays(30)), DsarRequest.Status.CLOSED)), SETTINGS)).isEmpty();
        assertThat(DuplicateRequests.original(fresh, NOW,
                List.of(new Earlier(old, null, NOW.minus(Duration.ofDays(30)).plusSeconds(1), DsarRequest.Status.CLOSED)), SETTINGS))
                .contains(old);
        assertThat(DuplicateRequests.original(fresh, NOW,
                List.of(new Earlier(old, null, NOW.minusSeconds(60), DsarRequest.Status.IDENTITY_NOT_CONFIRMED)), SETTINGS)).isEmpty();
        assertThat(DuplicateRequests.original(fresh, NOW,
                List.of(new Earlier(old, null, NOW.plusSeconds(60), DsarRequest.Status.RECEIVED)), SETTINGS)).isEmpty();
        assertThat(DuplicateRequests.original(fresh, NOW,
                List.of(new Earlier(fresh, null, NOW, DsarRequest.Status.RECEIVED)), SETTINGS)).isEmpty();
        assertThat(DuplicateRequests.original(fresh, NOW,
                List.of(new Earlier(old, null, NOW.minusSeconds(60), DsarRequest.Status.CLOSED)), IntakeSettings.parse("P7D", "P0D")))
                .as("a zero window turns detection off").isEmpty();
    }

    @Test
    void aLinkConfirmsOnceBeforeItExpiresWhileItsRequestWaits() {
        SingleUseToken fresh = new SingleUseToken(NOW.plusSeconds(60), null);
        assertThat(EmailConfirmation.state(fresh, IdentityCheck.EMAIL_LINK, DsarRequest.Status.AWAITING_IDENTITY, NOW)).isEqualTo(State.VALID);
        assertThat(EmailConfirmation.state(new SingleUseToken(NOW.plusSeconds(60), NOW.minusSeconds(1)), IdentityCheck.EMAIL_LINK,
                DsarRequest.Status.IN_PROGRESS, NOW)).isEqualTo(State.USED);
        assertThat(EmailConfirmation.state(new SingleUseToken(NOW, null), IdentityCheck.EMAIL_LINK,
                DsarRequest.Status.AWAITING_IDENTITY, NOW)).as("expired at its instant").isEqualTo(State.EXPIRED);
        assertThat(EmailConfirmation.state(fresh, IdentityCheck.EMAIL_LINK, DsarRequest.Status.RECEIVED, NOW)).isEqualTo(State.NOT_WAITING);
        assertThat(EmailConfirmation.state(fresh, IdentityCheck.DOCUMENTS, DsarRequest.Status.AWAITING_IDENTITY, NOW)).isEqualTo(State.NOT_WAITING);
    }

    @Test
    void theLawIsInferredFromTheControllersCountryWhereOneApplies() {
        assertThat(JurisdictionOfCountry.infer("DE", "BY")).contains(Jurisdiction.EU_GDPR);
        assertThat(JurisdictionOfCountry.infer("NO", null)).contains(Jurisdiction.EU_GDPR);
        assertThat(JurisdictionOfCountry.infer("GB", null)).contains(Jurisdiction.UK_GDPR);
        assertThat(JurisdictionOfCountry.infer("BR", null)).contains(Jurisdiction.BR_LGPD);
        assertThat(JurisdictionOfCountry.infer("IN", null)).contains(Jurisdiction.IN_DPDPA);
        assertThat(JurisdictionOfCountry.infer("CA", "ON")).contains(Jurisdiction.CA_PIPEDA);
        assertThat(JurisdictionOfCountry.infer("US", "CA")).contains(Jurisdiction.US_CA_CCPA);
        assertThat(JurisdictionOfCountry.infer("US", "TX")).isEmpty();
        assertThat(JurisdictionOfCountry.infer("US", null)).isEmpty();
        assertThat(JurisdictionOfCountry.infer("JP", null)).isEmpty();
        assertThat(JurisdictionOfCountry.infer(null, null)).isEqualTo(Optional.empty());
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
