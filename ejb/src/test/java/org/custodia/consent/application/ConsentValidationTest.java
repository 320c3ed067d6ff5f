package org.custodia.consent.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

/** What purposes and notices are checked for before anything is written. */
class ConsentValidationTest {

    static List<String> purposeErrors(String key, String name, String description) {
        List<FieldError> errors = new ArrayList<>();
        ConsentService.validatePurpose(key, name, description, errors);
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aPurposeNeedsAKeyOfItsAlphabetAndAName() {
        assertThat(purposeErrors("news.letter-2_x", "News", null)).isEmpty();
        assertThat(purposeErrors("News", " ", "d".repeat(4001))).containsExactly("key", "name", "description");
        assertThat(purposeErrors("k".repeat(65), "n".repeat(201), null)).containsExactly("key", "name");
        assertThat(purposeErrors(null, null, null)).containsExactly("key", "name");
    }

    @Test
    void aNoticeNeedsTextsInKnownLanguagesOfBoundedLength() {
        Set<String> known = Set.of("en", "hi");
        assertThat(ConsentNotices.validateTexts(Map.of("en", "Hello", "hi", "Namaste"), known)).isEmpty();
        assertThat(ConsentNotices.validateTexts(Map.of(), known)).extracting(FieldError::field).containsExactly("texts");
        assertThat(ConsentNotices.validateTexts(null, known)).extracting(FieldError::field).containsExactly("texts");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("xx", "text");
        bad.put("en", " ");
        bad.put("hi", "x".repeat(ConsentNotices.MAX_TEXT + 1));
        assertThat(ConsentNotices.validateTexts(bad, known)).extracting(FieldError::field).containsExactly("texts.xx", "texts.en", "texts.hi");
    }
}
