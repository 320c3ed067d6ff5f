package org.custodia.ropa.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ActivityJsonTest {

    @Test
    void contentStoredBeforeAFieldExistedIsTheSameContentNow() {
        ActivityContent payroll = new ActivityContent("Salaries", Art30CompletenessTest.payroll(List.of()), List.of(), List.of());
        String now = ActivityJson.write(payroll);
        assertThat(now).contains("\"retentionPolicy\":null");
        String storedEarlier = now.replace(",\"retentionPolicy\":null", ""); // as a build before retention policies wrote it
        assertThat(ActivityJson.tree(storedEarlier)).as("as stored").isNotEqualTo(ActivityJson.tree(now));
        assertThat(ActivityJson.canonical(storedEarlier)).isEqualTo(ActivityJson.tree(now));

        String linked = ActivityJson.write(new ActivityContent("Salaries", RegisterSheetTest.awkward().record(), List.of(), List.of()));
        assertThat(ActivityJson.canonical(linked)).as("a link is kept").isEqualTo(ActivityJson.tree(linked));
    }
}
