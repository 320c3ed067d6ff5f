package org.custodia.notification.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.pebbletemplates.pebble.error.PebbleException;

import org.custodia.notification.domain.MailPart;
import org.junit.jupiter.api.Test;

class PebbleMailRendererTest {

    final PebbleMailRenderer renderer = new PebbleMailRenderer();
    final Map<String, Object> vars = Map.of("tenantName", "<script>alert('x')</script> & Co");

    @Test
    void htmlPartsAreEscapedAndTextPartsAreNot() {
        assertThat(renderer.render("<p>{{ tenantName }}</p>", MailPart.HTML, vars, "en"))
                .isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co</p>");
        assertThat(renderer.render("{{ tenantName }}", MailPart.TEXT, vars, "en")).isEqualTo("<script>alert('x')</script> & Co");
        assertThat(renderer.render("{{ tenantName }}", MailPart.SUBJECT, vars, "en")).isEqualTo("<script>alert('x')</script> & Co");
    }

    @Test
    void lineBreaksStayWhereTheTemplateHasThem() {
        assertThat(renderer.render("A: {{ tenantName }}\nB: {{ tenantName }}\n", MailPart.TEXT, Map.of("tenantName", "1"), "en"))
                .isEqualTo("A: 1\nB: 1\n");
    }

    @Test
    void aVariableTheModelLacksIsAnErrorNotABlank() {
        for (MailPart part : MailPart.values()) {
            assertThatThrownBy(() -> renderer.render("Hello {{ subjectEmail }}", part, vars, "en"))
                    .isInstanceOf(PebbleException.class).hasMessageContaining("subjectEmail");
        }
    }

    @Test
    void aTemplateIncludesNothing() {
        for (String directive : new String[] {"{% include \"/etc/passwd\" %}", "{% extends \"mail/sla-warning/en/body.txt.peb\" %}",
                "{% import \"../../etc/hostname\" %}"}) {
            assertThatThrownBy(() -> renderer.render(directive, MailPart.TEXT, vars, "en")).as(directive).isInstanceOf(PebbleException.class);
        }
    }

    @Test
    void aTemplateReachesNoMethodBeyondAString() {
        assertThatThrownBy(() -> renderer.render("{{ tenantName.getClass().forName(\"java.lang.Runtime\") }}", MailPart.TEXT, vars, "en"))
                .isInstanceOf(PebbleException.class);
    }

    /** Templates that ask for gigabytes or hours in a few bytes (maxRenderedSize bounds only what is written out). */
    static final String[] HOSTILE_OVERRIDES = {
        "{% for i in range(0, 2000000000) %}{% endfor %}",
        "{% for i in 0..2000000000 %}{% endfor %}",
        "{% for i in [1,2,3,4,5,6,7,8,9,10] %}{% for j in [1,2,3,4,5,6,7,8,9,10] %}{% endfor %}{% endfor %}",
        "{{ (0..2000000000) | length }}",
        "{% set s = tenantName ~ tenantName %}{% set s = s ~ s %}{{ s | length }}",
        "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
        "{{ tenantName.repeat(2147483647) }}",
        "{{ tenantName | replace({'a': 'aaaaaaaaaa'}) | replace({'a': 'aaaaaaaaaa'}) }}",
        "{{ 1 | format('%0999999999d') }}",
        "{{ tenantName | nl2br | nl2br | urlencode | base64encode }}",
        "{{ max(1, 2) }}",
        "{% parallel %}{{ tenantName }}{% endparallel %}",
        "{{ tenantName ~ tenantName ~ tenantName }}",
        "{{ " + "(".repeat(30_000) + "tenantName" + ")".repeat(30_000) + " }}",
        "{{ " + "[".repeat(40) + "]".repeat(40) + " | length }}",
    };

    @Test
    void anOverrideGetsNoLoopRangeVariableMacroMethodOrMultiplyingFilter() {
        for (String hostile : HOSTILE_OVERRIDES) {
            for (MailPart part : MailPart.values()) {
                assertThatThrownBy(() -> renderer.render(hostile, part, vars, "en", true)).as(hostile).isInstanceOf(PebbleException.class);
            }
        }
    }

    @Test
    void anOverrideStillPrintsIfsAndHarmlessFilters() {
        String template = "{% if tenantName is not empty %}{{ tenantName | upper | abbreviate(12) }}{% else %}none{% endif %}";
        assertThat(renderer.render(template, MailPart.TEXT, Map.of("tenantName", "Acme Widgets International"), "en", true))
                .isEqualTo("ACME WIDG...");
        assertThat(renderer.render("<p>{{ tenantName }}</p>", MailPart.HTML, vars, "en", true))
                .isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co</p>");
    }

    @Test
    void theShippedTemplatesKeepTheFullEngine() {
        // the limits are the overrides' alone: the shipped files are this build's and tested in every language
        assertThat(renderer.render("{% for i in range(1, 3) %}{{ i }}{% endfor %}", MailPart.TEXT, vars, "en")).isEqualTo("123");
    }
}
