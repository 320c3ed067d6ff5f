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
}
