package org.custodia.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each mail model may carry: reviewer mail has no room for the subject's personal data. */
class MailModelsTest {

    static final Instant DUE = Instant.parse("2026-03-29T21:59:59Z");
    static final URI CONSOLE = URI.create("https://custodia.example.org/console/dsars/0b0e5a1e-5c61-4c1a-9a34-7a0f4a2b1c3d");

    static ReviewerNotice notice() {
        return new ReviewerNotice("0b0e5a1e-5c61-4c1a-9a34-7a0f4a2b1c3d", "ACCESS", "EU_GDPR", DUE, CONSOLE);
    }

    @Test
    void everyReviewerMailTakesTheReviewerNoticeAndNothingElse() {
        List<MailType> reviewerTypes = Arrays.stream(MailType.values()).filter(t -> t.audience() == MailType.Audience.REVIEWER).toList();
        assertThat(reviewerTypes).containsExactlyInAnyOrder(MailType.SLA_WARNING, MailType.SLA_BREACH, MailType.ESCALATION, MailType.TASK_ASSIGNED);
        assertThat(reviewerTypes).allSatisfy(t -> assertThat(t.model()).isEqualTo(ReviewerNotice.class));
        for (MailType type : reviewerTypes) {
            assertThatThrownBy(() -> type.require(new RequestAcknowledgement("Acme", "R-1", "ACCESS", DUE, DUE, URI.create("https://example.org/s"))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aReviewerNoticeHoldsTheReferenceTypeJurisdictionDueDateAndConsoleLinkOnly() {
        RecordComponent[] components = ReviewerNotice.class.getRecordComponents();
        assertThat(Arrays.stream(components).map(c -> c.getName() + ":" + c.getType().getSimpleName()))
                .containsExactly("reference:String", "requestType:String", "jurisdiction:String", "dueAt:Instant", "consoleLink:URI");
        assertThat(MailVariables.names(ReviewerNotice.class))
                .containsExactly("reference", "requestType", "jurisdiction", "dueAt", "consoleLink");
    }

    /** Personal data in each text field of a reviewer notice: an address, a name, markup, a line break. */
    @ParameterizedTest
    @ValueSource(strings = {"jane.doe@example.org", "Jane Doe", "<script>alert(1)</script>", "ACCESS\nJane", "", "Jäne"})
    void aReviewerNoticeRefusesFreeTextInEveryField(String personal) {
        assertThatThrownBy(() -> new ReviewerNotice(personal, "ACCESS", "EU_GDPR", DUE, CONSOLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReviewerNotice(personal + "-1", "ACCESS", "EU_GDPR", DUE, CONSOLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReviewerNotice("R-1", personal, "EU_GDPR", DUE, CONSOLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReviewerNotice("R-1", "ACCESS", personal, DUE, CONSOLE)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://custodia.example.org/console/dsars/1?email=jane.doe%40example.org",
            "https://custodia.example.org/console/dsars/1#Jane",
            "https://custodia.example.org/console/jane.doe@example.org",
            "https://custodia.example.org/console/Jane%20Doe",
            "https://jane@custodia.example.org/console/dsars/1",
            "javascript:alert(1)",
            "/console/dsars/1"})
    void aReviewerConsoleLinkCarriesNoQueryFragmentUserOrEncodedText(String link) {
        assertThatThrownBy(() -> new ReviewerNotice("R-1", "ACCESS", "EU_GDPR", DUE, URI.create(link)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReferenceIsDigitsAndLettersInGroupsNeverAPlainName() {
        assertThatThrownBy(() -> new ReviewerNotice("JaneDoe", "ACCESS", "EU_GDPR", DUE, CONSOLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReviewerNotice("DSAR--1", "ACCESS", "EU_GDPR", DUE, CONSOLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReviewerNotice("1".repeat(65), "ACCESS", "EU_GDPR", DUE, CONSOLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReviewerNotice("R-1", "access", "EU_GDPR", DUE, CONSOLE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ReviewerNotice("DSAR-2026-0042", "ACCESS", "EU_GDPR", DUE, CONSOLE).reference()).isEqualTo("DSAR-2026-0042");
    }

    @Test
    void aNoticeOfCodesIsAccepted() {
        assertThat(notice().reference()).isEqualTo("0b0e5a1e-5c61-4c1a-9a34-7a0f4a2b1c3d");
        assertThat(new ReviewerNotice("DSAR-2026-0042", "OPT_OUT", "US_CA_CCPA", DUE, URI.create("http://localhost:8080/console/dsars/42")).requestType())
                .isEqualTo("OPT_OUT");
    }

    @Test
    void subjectMailLinksMustBeHttpLinks() {
        Function<String, IdentityVerificationLink> link = l -> new IdentityVerificationLink("Acme", URI.create(l), DUE);
        assertThat(link.apply("https://example.org/verify#t=1").verificationLink()).hasFragment("t=1");
        assertThatThrownBy(() -> link.apply("javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> link.apply("https://user:pw@example.org/verify")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResponseReady(" ", "R-1", URI.create("https://example.org/d"), DUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusalNoticeNeedsAReasonOfAtMostTwoThousandCharactersAndCodesForTypeAndLaw() {
        assertThat(new RefusalNotice("Acme", "R-1", "ACCESS", "EU_GDPR", "manifestly excessive", DUE).reason())
                .isEqualTo("manifestly excessive");
        assertThatThrownBy(() -> new RefusalNotice("Acme", "R-1", "ACCESS", "EU_GDPR", " ", DUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RefusalNotice("Acme", "R-1", "ACCESS", "EU_GDPR", "x".repeat(2001), DUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RefusalNotice("Acme", "R-1", "ACCESS", "the GDPR", "r", DUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RefusalNotice("Acme", "R-1", "ACCESS", "EU_GDPR", "r", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyModelComponentIsTextAnInstantOrALink() {
        for (MailType type : MailType.values()) {
            for (RecordComponent c : type.model().getRecordComponents()) {
                assertThat(c.getType()).as(type + "." + c.getName()).isIn(String.class, Instant.class, URI.class);
            }
        }
    }

    @Test
    void variablesAreTextWithDatesInTheTenantsZoneAndLanguageNamingTheZone() {
        Map<String, Object> en = MailVariables.of(notice(), ZoneId.of("Europe/Berlin"), "en");
        assertThat(en).containsEntry("reference", "0b0e5a1e-5c61-4c1a-9a34-7a0f4a2b1c3d").containsEntry("consoleLink", CONSOLE.toString());
        // 21:59:59Z on the day summer time starts is 23:59 in Berlin
        assertThat((String) en.get("dueAt")).contains("March 29, 2026").contains("11:59").endsWith("(Europe/Berlin)");
        Map<String, Object> de = MailVariables.of(notice(), ZoneId.of("Europe/Berlin"), "de");
        assertThat((String) de.get("dueAt")).contains("29. März 2026").contains("23:59").endsWith("(Europe/Berlin)");
        Map<String, Object> ny = MailVariables.of(notice(), ZoneId.of("America/New_York"), "en");
        assertThat((String) ny.get("dueAt")).contains("March 29, 2026").contains("5:59").endsWith("(America/New_York)");
    }

    @Test
    void theLanguageChainIsAskedThenTenantThenEnglishWithCodesOnly() {
        assertThat(MailLanguages.chain("de-DE", null)).containsExactly("de", "en");
        assertThat(MailLanguages.chain("fr", "de")).containsExactly("fr", "de", "en");
        assertThat(MailLanguages.chain("en", "en")).containsExactly("en");
        assertThat(MailLanguages.chain(null, null)).containsExactly("en");
        assertThat(MailLanguages.chain("../de", "de/../../etc")).containsExactly("en");
        assertThat(MailLanguages.chain("DE_at", "x")).containsExactly("de", "en");
    }
}
