package org.custodia.notification.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.custodia.notification.domain.ConsentLink;
import org.custodia.notification.domain.IdentityVerificationLink;
import org.custodia.notification.domain.MailModel;
import org.custodia.notification.domain.MailPart;
import org.custodia.notification.domain.MailTenant;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.MailVariables;
import org.custodia.notification.domain.RenderedMail;
import org.custodia.notification.domain.RequestAcknowledgement;
import org.custodia.notification.domain.RefusalNotice;
import org.custodia.notification.domain.ResponseReady;
import org.custodia.notification.domain.ReviewerNotice;
import org.custodia.notification.domain.UserInvitation;
import org.custodia.notification.domain.RegisterDueNotice;
import org.custodia.notification.domain.WebhookDisabled;
import org.custodia.notification.infrastructure.MailTemplateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped mail in every shipped language, tenants' overrides, the language chain and the safe paths. */
class MailTemplatesTest {

    static final List<String> SHIPPED_LANGUAGES = MailTemplates.SHIPPED_LANGUAGES;
    static final String HOSTILE = "<script>alert('x')</script> & Söhne";
    static final Instant DUE = Instant.parse("2026-03-29T21:59:59Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final UUID TENANT = UUID.fromString("7d1f3c2a-0000-4000-8000-000000000001");
    static final MailTenant ACME = new MailTenant(TENANT, "acme", null, BERLIN);

    @TempDir
    Path overrides;

    /** A model of each type, its free-text fields hostile where the model allows free text at all. */
    static MailModel sample(MailType type) {
        URI link = URI.create("https://custodia.example.org/p/verify?a=1&b=2#token=cus_t_abc");
        return switch (type) {
            case REQUEST_ACKNOWLEDGEMENT -> new RequestAcknowledgement(HOSTILE, "DSAR-2026-0042", "ACCESS", DUE.minusSeconds(86_400 * 30), DUE, link);
            case IDENTITY_VERIFICATION -> new IdentityVerificationLink(HOSTILE, link, DUE);
            case RESPONSE_READY -> new ResponseReady(HOSTILE, "DSAR-2026-0042", link, DUE);
            case REFUSAL_NOTICE -> new RefusalNotice(HOSTILE, "DSAR-2026-0042", "ACCESS", "EU_GDPR", HOSTILE, DUE);
            case USER_INVITATION -> new UserInvitation(HOSTILE, "APPROVER", link, "cus_t_abc", DUE);
            case CONSENT_LINK -> new ConsentLink(HOSTILE, link, DUE);
            case WEBHOOK_DISABLED -> new WebhookDisabled(HOSTILE, "hooks.example.org", "delivery failed 8 times", DUE, link);
            case ROPA_REVIEW_DUE, ROPA_REVIEW_OVERDUE, RISK_TREATMENT_DUE, RISK_TREATMENT_OVERDUE, DPIA_REVIEW_DUE, DPIA_REVIEW_OVERDUE -> new RegisterDueNotice(HOSTILE, "PA-017", "Payroll", DUE, link);
            case SLA_WARNING, SLA_BREACH, ESCALATION, TASK_ASSIGNED -> new ReviewerNotice("DSAR-2026-0042", "ERASURE", "EU_GDPR", DUE,
                    URI.create("https://custodia.example.org/console/dsars/9f1c"));
        };
    }

    static Stream<Arguments> everyTypeInEveryLanguage() {
        List<Arguments> all = new ArrayList<>();
        for (MailType type : MailType.values()) {
            for (String language : SHIPPED_LANGUAGES) {
                all.add(Arguments.of(type, language));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyTypeInEveryLanguage")
    void everyShippedMailRendersInEveryShippedLanguage(MailType type, String language) {
        MailTemplates templates = new MailTemplates(null);
        RenderedMail mail = templates.render(ACME, type, sample(type), language);

        assertThat(mail.language()).isEqualTo(language);
        assertThat(mail.subject()).isNotBlank().doesNotContain("\n").doesNotContain("{{");
        assertThat(mail.text()).isNotBlank().doesNotContain("{{").doesNotContain("}}");
        assertThat(mail.text().lines().count()).as("text lines, not one run-on line").isGreaterThan(3);
        assertThat(mail.html()).isNotBlank().doesNotContain("{{").contains("<html lang=\"" + language + "\">");
        // the due or expiry date, in the tenant's zone and named
        assertThat(mail.text()).contains("(Europe/Berlin)").contains(language.equals("de") ? "29. März 2026" : "March 29, 2026");
        // what the model holds reaches both bodies
        for (String name : MailVariables.names(type.model())) {
            String value = String.valueOf(MailVariables.of(sample(type), BERLIN, language).get(name));
            assertThat(mail.text()).as(type + " text shows " + name).contains(value);
        }
        if (type.audience() != MailType.Audience.REVIEWER) {
            assertThat(mail.text()).contains(HOSTILE);
            assertThat(mail.html()).doesNotContain("<script>").doesNotContain("'x'")
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Söhne");
            if (type != MailType.REFUSAL_NOTICE) { // the others carry a link, escaped in its attribute
                assertThat(mail.html()).contains("href=\"https://custodia.example.org/p/verify?a=1&amp;b=2#token=cus_t_abc\"");
            }
        } else {
            assertThat(mail.html()).contains("href=\"https://custodia.example.org/console/dsars/9f1c\"").contains("EU_GDPR");
        }
    }

    /**
     * The remedy each law gives a refused subject, as the notice must name it: GDPR Art. 12(4) (authority and court),
     * Va. Code §59.1-577(A)(4) and C.R.S. §6-1-1306(2)-(3) (how to appeal to the controller, then the Attorney General),
     * LGPD Art. 18 §1 (ANPD), DPDPA s.13 (grievance first, then the Board), PIPEDA s.8(7) (the recourse: OPC).
     */
    static Stream<Arguments> remedies() {
        return Stream.of(
                Arguments.of("EU_GDPR", "en", (Object) new String[] {"supervisory authority", "judicial remedy"}),
                Arguments.of("UK_GDPR", "en", (Object) new String[] {"Information Commissioner's Office", "judicial remedy"}),
                Arguments.of("US_VA_VCDPA", "en", (Object) new String[] {"appeal this decision", "within 60 days", "Attorney General of Virginia"}),
                Arguments.of("US_CO_CPA", "en", (Object) new String[] {"appeal this decision", "within 45 days", "Colorado Attorney General"}),
                Arguments.of("US_CA_CCPA", "en", (Object) new String[] {"California Privacy Protection Agency"}),
                Arguments.of("BR_LGPD", "en", (Object) new String[] {"ANPD", "Article 18"}),
                Arguments.of("IN_DPDPA", "en", (Object) new String[] {"grievance", "Data Protection Board of India"}),
                Arguments.of("CA_PIPEDA", "en", (Object) new String[] {"Privacy Commissioner of Canada"}),
                Arguments.of("US_VA_VCDPA", "de", (Object) new String[] {"Einspruch", "60 Tagen", "Attorney General von Virginia"}),
                Arguments.of("US_CO_CPA", "de", (Object) new String[] {"Einspruch", "45 Tagen", "Attorney General von Colorado"}),
                Arguments.of("IN_DPDPA", "de", (Object) new String[] {"Grievance", "Data Protection Board of India"}));
    }

    /** A refused appeal (Virginia, Colorado) offers no further appeal, only the Attorney General, with where to go. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "US_VA_VCDPA, en, Attorney General of Virginia, www.oag.state.va.us, appeal this decision",
            "US_CO_CPA, en, Colorado Attorney General, coag.gov, appeal this decision",
            "US_VA_VCDPA, de, Attorney General von Virginia, www.oag.state.va.us, gegen diese Entscheidung Einspruch",
            "US_CO_CPA, de, Attorney General von Colorado, coag.gov, gegen diese Entscheidung Einspruch"})
    void aRefusedAppealNamesTheAttorneyGeneralOnly(String jurisdiction, String language, String authority, String site,
                                                   String furtherAppeal) {
        RenderedMail mail = new MailTemplates(null).render(ACME, MailType.REFUSAL_NOTICE,
                new RefusalNotice("Acme", "DSAR-2026-0042", "APPEAL", jurisdiction, "the original refusal stands", DUE), language);

        assertThat(mail.text()).contains(authority, site).doesNotContain(furtherAppeal);
        assertThat(mail.html()).contains(authority, site).doesNotContain(furtherAppeal);
    }

    @ParameterizedTest
    @MethodSource("remedies")
    void aRefusalNoticeNamesTheRemedyOfTheRequestsLaw(String jurisdiction, String language, String... names) {
        RenderedMail mail = new MailTemplates(null).render(ACME, MailType.REFUSAL_NOTICE,
                new RefusalNotice("Acme", "DSAR-2026-0042", "ACCESS", jurisdiction, "manifestly unfounded", DUE), language);

        assertThat(mail.text()).contains(names);
        assertThat(mail.html()).contains(names[0]);
        boolean appealState = jurisdiction.startsWith("US_VA") || jurisdiction.startsWith("US_CO");
        assertThat(mail.text().contains(language.equals("de") ? "Einspruch" : "appeal this decision"))
                .as("only Virginia and Colorado give an appeal to the controller").isEqualTo(appealState);
        assertThat(mail.text().contains(language.equals("de") ? "Aufsichtsbehörde" : "supervisory authority"))
                .as("a GDPR authority only under the GDPR").isEqualTo(jurisdiction.equals("EU_GDPR"));
    }

    @Test
    void germanIsChosenWhenAskedAndTheChainFallsBackToTheTenantsLanguageThenEnglish() {
        MailTemplates templates = new MailTemplates(null);
        MailModel notice = sample(MailType.SLA_WARNING);
        assertThat(templates.render(ACME, MailType.SLA_WARNING, notice, "de-DE").subject()).startsWith("Bald fällig");
        assertThat(templates.render(ACME, MailType.SLA_WARNING, notice, "en").subject()).startsWith("Due soon");
        // French is not shipped: the tenant's German, else English
        MailTenant german = new MailTenant(TENANT, "acme", "de", BERLIN);
        assertThat(templates.render(german, MailType.SLA_WARNING, notice, "fr").language()).isEqualTo("de");
        assertThat(templates.render(ACME, MailType.SLA_WARNING, notice, "fr").language()).isEqualTo("en");
        assertThat(templates.render(german, MailType.SLA_WARNING, notice, null).language()).isEqualTo("de");
        assertThat(templates.render(ACME, MailType.SLA_WARNING, notice, "../de").language()).isEqualTo("en");
    }

    @Test
    void aTenantsOverrideTakesPrecedencePartByPart() throws IOException {
        write(TENANT.toString(), "sla-warning", "en", MailPart.SUBJECT, "Acme: {{ reference }} is due {{ dueAt }}\n");
        MailTemplates templates = new MailTemplates(overrides);
        RenderedMail mail = templates.render(ACME, MailType.SLA_WARNING, sample(MailType.SLA_WARNING), "en");
        assertThat(mail.subject()).startsWith("Acme: DSAR-2026-0042 is due March 29, 2026").endsWith("(Europe/Berlin)");
        // the parts it does not override are the shipped ones
        assertThat(mail.text()).startsWith("The request below is due soon");
        // another tenant, and the same tenant's other types and languages, keep the shipped templates
        MailTenant other = new MailTenant(UUID.randomUUID(), "other", null, BERLIN);
        assertThat(templates.render(other, MailType.SLA_WARNING, sample(MailType.SLA_WARNING), "en").subject()).startsWith("Due soon");
        assertThat(templates.render(ACME, MailType.SLA_BREACH, sample(MailType.SLA_BREACH), "en").subject()).startsWith("Overdue");
        assertThat(templates.render(ACME, MailType.SLA_WARNING, sample(MailType.SLA_WARNING), "de").subject()).startsWith("Bald fällig");
    }

    @Test
    void theSlugDirectoryCountsAndTheIdDirectoryWinsOverIt() throws IOException {
        write("acme", "request-acknowledgement", "en", MailPart.HTML, "<p>By slug: {{ tenantName }}</p>");
        MailTemplates templates = new MailTemplates(overrides);
        MailModel ack = sample(MailType.REQUEST_ACKNOWLEDGEMENT);
        assertThat(templates.render(ACME, MailType.REQUEST_ACKNOWLEDGEMENT, ack, "en").html())
                .isEqualTo("<p>By slug: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Söhne</p>");
        write(TENANT.toString(), "request-acknowledgement", "en", MailPart.HTML, "<p>By id</p>");
        assertThat(templates.render(ACME, MailType.REQUEST_ACKNOWLEDGEMENT, ack, "en").html()).isEqualTo("<p>By id</p>");
    }

    @Test
    void aTenantMayAddALanguageOfItsOwn() throws IOException {
        write("acme", "sla-breach", "fr", MailPart.SUBJECT, "En retard : {{ reference }}");
        MailTemplates templates = new MailTemplates(overrides);
        MailModel notice = sample(MailType.SLA_BREACH);
        // incomplete: French lacks its bodies, so English is used whole
        assertThat(templates.render(ACME, MailType.SLA_BREACH, notice, "fr").language()).isEqualTo("en");
        write("acme", "sla-breach", "fr", MailPart.TEXT, "Échéance : {{ dueAt }}\n{{ consoleLink }}");
        write("acme", "sla-breach", "fr", MailPart.HTML, "<p>Échéance : {{ dueAt }}</p>");
        RenderedMail french = templates.render(ACME, MailType.SLA_BREACH, notice, "fr");
        assertThat(french.language()).isEqualTo("fr");
        assertThat(french.subject()).isEqualTo("En retard : DSAR-2026-0042");
        assertThat(french.text()).startsWith("Échéance : 29 mars 2026").contains("(Europe/Berlin)");
    }

    @Test
    void anOverrideAskingForDataItsModelLacksFallsBackToTheShippedTemplate() throws IOException {
        // a reviewer mail cannot be made to show the subject's address: the variable does not exist
        write(TENANT.toString(), "sla-warning", "en", MailPart.TEXT, "Subject: {{ subjectEmail }}\n");
        MailTemplates templates = new MailTemplates(overrides);
        RenderedMail mail = templates.render(ACME, MailType.SLA_WARNING, sample(MailType.SLA_WARNING), "en");
        assertThat(mail.text()).startsWith("The request below is due soon").doesNotContain("Subject:");
        // nor read a file through an include
        write(TENANT.toString(), "sla-warning", "en", MailPart.TEXT, "{{ reference }}\n");
        write(TENANT.toString(), "sla-warning", "en", MailPart.SUBJECT, "{% include \"/etc/passwd\" %}");
        mail = templates.render(ACME, MailType.SLA_WARNING, sample(MailType.SLA_WARNING), "en");
        assertThat(mail.subject()).startsWith("Due soon");
        assertThat(mail.subject() + mail.text() + mail.html()).doesNotContain("root:");
        // and a fixed override applies again
        write(TENANT.toString(), "sla-warning", "en", MailPart.SUBJECT, "Fixed {{ reference }}");
        mail = templates.render(ACME, MailType.SLA_WARNING, sample(MailType.SLA_WARNING), "en");
        assertThat(mail.subject()).isEqualTo("Fixed DSAR-2026-0042");
        assertThat(mail.text()).isEqualTo("DSAR-2026-0042\n");
    }

    @Test
    void aSubjectPrintsLabelsAndDatesOnlyNeverALinkOrFreeText() throws IOException {
        // the subject is stored in clear in the outbox: an override printing the download link falls back
        write(TENANT.toString(), "response-ready", "en", MailPart.SUBJECT, "Get it: {{ downloadLink }}");
        write(TENANT.toString(), "refusal-notice", "en", MailPart.SUBJECT, "Refused: {{ reason }}");
        write(TENANT.toString(), "sla-warning", "en", MailPart.SUBJECT, "{{ reference }} ({{ jurisdiction }}) due {{ dueAt }}");
        MailTemplates templates = new MailTemplates(overrides);
        RenderedMail ready = templates.render(ACME, MailType.RESPONSE_READY, sample(MailType.RESPONSE_READY), "en");
        assertThat(ready.subject()).startsWith("The answer to your request").doesNotContain("http");
        assertThat(ready.text()).contains("http"); // the body still carries the link
        RenderedMail refusal = templates.render(ACME, MailType.REFUSAL_NOTICE, sample(MailType.REFUSAL_NOTICE), "en");
        assertThat(refusal.subject()).doesNotStartWith("Refused:");
        assertThat(templates.render(ACME, MailType.SLA_WARNING, sample(MailType.SLA_WARNING), "en").subject())
                .startsWith("DSAR-2026-0042 (").contains(" due ");
    }

    @Test
    void aHostileOverrideFailsClearlyAndTheShippedTemplateIsUsed() throws IOException {
        // range() would build a list of two billion numbers before anything is written: the override engine has no range
        write(TENANT.toString(), "sla-breach", "en", MailPart.TEXT, "{% for i in range(0, 2000000000) %}{% endfor %}{{ reference }}\n");
        // and an error while rendering (a division by zero) is the override's, not the mail's
        write(TENANT.toString(), "sla-breach", "en", MailPart.SUBJECT, "{{ 1 / 0 }}");
        MailTemplates templates = new MailTemplates(overrides);
        RenderedMail mail = templates.render(ACME, MailType.SLA_BREACH, sample(MailType.SLA_BREACH), "en");
        assertThat(mail.subject()).startsWith("Overdue");
        assertThat(mail.text()).contains("DSAR-2026-0042").doesNotContain("{%");
    }

    @Test
    void aLanguageIsCompleteWhenEveryMailTypeHasEveryPartShippedOrOverridden() throws IOException {
        MailTemplates templates = new MailTemplates(overrides);
        assertThat(templates.complete(ACME, "de")).isTrue();
        assertThat(templates.complete(ACME, "fr")).isFalse();
        for (MailType type : MailType.values()) {
            for (MailPart part : MailPart.values()) {
                write(TENANT.toString(), type.directory(), "fr", part, "{{ tenantName }}");
            }
        }
        assertThat(templates.complete(ACME, "fr")).as("the tenant's own French").isTrue();
        // a reader without a language gets the tenant's
        MailTenant german = new MailTenant(TENANT, "other", "de", BERLIN);
        assertThat(new MailTemplates(null).render(german, MailType.ESCALATION, sample(MailType.ESCALATION), null).language())
                .isEqualTo("de");
    }

    @Test
    void anOverrideThatRendersNothingFallsBackToo() throws IOException {
        write(TENANT.toString(), "escalation", "en", MailPart.SUBJECT, "   \n");
        MailTemplates templates = new MailTemplates(overrides);
        assertThat(templates.render(ACME, MailType.ESCALATION, sample(MailType.ESCALATION), "en").subject()).startsWith("Escalated");
    }

    @Test
    void aSubjectIsOneLine() throws IOException {
        write(TENANT.toString(), "escalation", "en", MailPart.SUBJECT, "Escalated\r\nBcc: someone@example.org\n{{ reference }}\n");
        MailTemplates templates = new MailTemplates(overrides);
        assertThat(templates.render(ACME, MailType.ESCALATION, sample(MailType.ESCALATION), "en").subject())
                .isEqualTo("Escalated Bcc: someone@example.org DSAR-2026-0042");
    }

    @Test
    void aModelOfAnotherTypeIsRefused() {
        MailTemplates templates = new MailTemplates(null);
        assertThatThrownBy(() -> templates.render(ACME, MailType.SLA_WARNING, sample(MailType.REQUEST_ACKNOWLEDGEMENT), "en"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ReviewerNotice");
    }

    @Test
    void overridePathsAreBuiltFromCodesOnlyAndStayInsideTheirDirectory() throws IOException {
        MailTemplateFiles files = new MailTemplateFiles(overrides.resolve("tenants"));
        Files.createDirectories(overrides.resolve("tenants"));
        // what a climbing slug or language would reach
        Path outside = overrides.resolve("outside/sla-warning/en");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("subject.peb"), "stolen");
        assertThatThrownBy(() -> files.override(new MailTenant(TENANT, "../outside", null, BERLIN), MailType.SLA_WARNING, "en", MailPart.SUBJECT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.override(ACME, MailType.SLA_WARNING, "../en", MailPart.SUBJECT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.shipped(MailType.SLA_WARNING, "en/../../..", MailPart.SUBJECT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.override(ACME, MailType.SLA_WARNING, "EN", MailPart.SUBJECT)).isInstanceOf(IllegalArgumentException.class);

        // a symbolic link out of the directory is not followed
        Path tenantDir = overrides.resolve("tenants/acme/sla-warning/en");
        Files.createDirectories(tenantDir);
        Files.createSymbolicLink(tenantDir.resolve("subject.peb"), outside.resolve("subject.peb"));
        assertThat(files.override(ACME, MailType.SLA_WARNING, "en", MailPart.SUBJECT)).isEmpty();
        Files.createSymbolicLink(overrides.resolve("tenants").resolve(TENANT.toString()), overrides.resolve("outside"));
        assertThat(files.override(ACME, MailType.SLA_WARNING, "en", MailPart.SUBJECT)).isEmpty();
        MailTemplates templates = new MailTemplates(overrides.resolve("tenants"));
        assertThat(templates.render(ACME, MailType.SLA_WARNING, sample(MailType.SLA_WARNING), "en").subject()).startsWith("Due soon");

        // a link inside the directory is fine (an operator sharing one file between tenants)
        Path shared = overrides.resolve("tenants/shared.peb");
        Files.writeString(shared, "Shared {{ reference }}");
        Path breach = overrides.resolve("tenants/acme/sla-breach/en");
        Files.createDirectories(breach);
        Files.createSymbolicLink(breach.resolve("subject.peb"), shared);
        assertThat(files.override(ACME, MailType.SLA_BREACH, "en", MailPart.SUBJECT)).get()
                .extracting(MailTemplateFiles.Source::text).isEqualTo("Shared {{ reference }}");
    }

    @Test
    void anOversizedOverrideIsIgnored() throws IOException {
        write(TENANT.toString(), "task-assigned", "en", MailPart.SUBJECT, "x".repeat(70_000));
        MailTemplates templates = new MailTemplates(overrides);
        assertThat(templates.render(ACME, MailType.TASK_ASSIGNED, sample(MailType.TASK_ASSIGNED), "en").subject()).startsWith("Task for you");
    }

    @Test
    void noOverrideDirectoryOrAMissingOneMeansShippedTemplates() {
        MailTemplates missing = new MailTemplates(overrides.resolve("not-there"));
        assertThat(missing.render(ACME, MailType.RESPONSE_READY, sample(MailType.RESPONSE_READY), "de").subject())
                .startsWith("Die Antwort auf Ihre Anfrage DSAR-2026-0042");
    }

    private void write(String tenantDirectory, String type, String language, MailPart part, String text) throws IOException {
        Path dir = overrides.resolve(tenantDirectory).resolve(type).resolve(language);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(part.fileName()), text);
    }
}
