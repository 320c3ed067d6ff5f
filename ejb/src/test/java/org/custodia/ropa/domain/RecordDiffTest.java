package org.custodia.ropa.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.custodia.ropa.domain.RecordDiff.Change;
import org.junit.jupiter.api.Test;

class RecordDiffTest {

    @Test
    void eachChangedFieldIsNamedWithItsValuesBeforeAndAfter() {
        ActivityContent v1 = RegisterSheetTest.awkward();
        ProcessingRecord r = v1.record();
        List<ProcessingRecord.Purpose> purposes = new java.util.ArrayList<>(r.purposes());
        purposes.set(2, new ProcessingRecord.Purpose("not yet decided", ProcessingRecord.LawfulBasis.LEGITIMATE_INTERESTS));
        purposes.add(new ProcessingRecord.Purpose("pension reporting", ProcessingRecord.LawfulBasis.LEGAL_OBLIGATION));
        ProcessingRecord changed = new ProcessingRecord(r.role(), r.name(), r.controller(), r.jointControllers(), r.representative(),
                r.representativeRequired(), r.dpo(), r.dpoDesignated(), purposes, r.dataSubjectCategories(), r.dataCategories(),
                r.recipients(), r.noRecipients(), r.transfers(), null, r.processor(), r.controllersServed(), r.processingCategories());
        ActivityContent v2 = new ActivityContent(v1.description(), changed, v1.systems(), v1.flows());

        List<Change> changes = RecordDiff.between(ActivityJson.tree(ActivityJson.write(v1)), ActivityJson.tree(ActivityJson.write(v2)));
        assertThat(changes).extracting(Change::path).containsExactly("record.purposes[2].lawfulBasis", "record.purposes[3]",
                "record.securityMeasures");
        assertThat(changes.get(0).before()).isNull();
        assertThat(changes.get(0).after().asText()).isEqualTo("LEGITIMATE_INTERESTS");
        assertThat(changes.get(1).before()).isNull();
        assertThat(changes.get(1).after().get("description").asText()).isEqualTo("pension reporting");
        assertThat(changes.get(2).after()).isNull();
        assertThat(RecordDiff.between(ActivityJson.tree(ActivityJson.write(v1)), ActivityJson.tree(ActivityJson.write(v1)))).isEmpty();
    }
}
