package org.custodia.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Wrapping with a monospaced measure: 5 pt a character, 6 in bold, so widths are counted by hand. */
class LineBreakerTest {

    static final TextMeasure MONO = (text, bold) -> text.codePointCount(0, text.length()) * (bold ? 6 : 5);
    static final String UUID = "5f0c3e2a-8b1d-4c6e-9a7f-0123456789ab";
    static final String HASH = "49fcf08e78a2a2af6869dba69011e11823650be3f88a5ba3037a766bbb5dddfc";

    private final LineBreaker breaker = new LineBreaker(MONO);

    @Test
    void wordsWrapAtSpacesAndParagraphsAtNewlines() {
        assertThat(breaker.wrap("alpha beta gamma", false, 50)).containsExactly("alpha beta", "gamma");
        assertThat(breaker.wrap("alpha\nbeta", false, 500)).containsExactly("alpha", "beta");
        assertThat(breaker.wrap("alpha beta", true, 50)).as("bold is wider").containsExactly("alpha", "beta");
    }

    @Test
    void anIdentifierThatFitsTheLineStartsALineRatherThanBreaking() {
        assertThat(breaker.wrap("consent_notice " + UUID, false, 36 * 5)).containsExactly("consent_notice", UUID);
    }

    @Test
    void aHashTooWideIsSplitIntoWholeGroupsOfSixteen() {
        assertThat(breaker.wrap(HASH, false, 20 * 5)).containsExactly(HASH.substring(0, 16), HASH.substring(16, 32),
                HASH.substring(32, 48), HASH.substring(48));
        assertThat(breaker.wrap(HASH, false, 34 * 5)).as("as many whole groups a line as fit")
                .containsExactly(HASH.substring(0, 32), HASH.substring(32));
    }

    @Test
    void compoundIdentifiersBreakAfterTheirSeparatorsBeforeHyphens() {
        assertThat(breaker.wrap("consent.notice.published", false, 16 * 5))
                .containsExactly("consent.notice.", "published");
        assertThat(breaker.wrap("user:" + UUID, false, 36 * 5)).containsExactly("user:", UUID);
        assertThat(breaker.wrap("sha256:" + HASH, false, 20 * 5)).containsExactly("sha256:", HASH.substring(0, 16),
                HASH.substring(16, 32), HASH.substring(32, 48), HASH.substring(48));
    }

    @Test
    void aUuidNarrowerThanTheLineBreaksOnlyAfterHyphens() {
        assertThat(breaker.wrap(UUID, false, 12 * 5)).containsExactly("5f0c3e2a-", "8b1d-4c6e-", "9a7f-", "0123456789ab");
    }

    @Test
    void aWordWithoutBreakPointsIsCutWhereTheLineEndsNeverLetterByLetter() {
        List<String> lines = breaker.wrap("abcdefghijklmnopqrstuvwxyz", false, 10 * 5);
        assertThat(lines).containsExactly("abcdefghij", "klmnopqrst", "uvwxyz");
    }

    @Test
    void aWordFollowsABrokenOneOnItsLastLineWhenItFits() {
        assertThat(breaker.wrap(HASH + " ok", false, 20 * 5)).endsWith(HASH.substring(48) + " ok");
    }

    @Test
    void fragmentsJoinBackIntoTheWord() {
        for (LineBreaker.Level level : LineBreaker.Level.values()) {
            for (String word : List.of(UUID, HASH, "user:" + UUID, "data_subject_request.deadline_extended", "x")) {
                assertThat(String.join("", LineBreaker.fragments(word, level))).isEqualTo(word);
            }
        }
        assertThat(LineBreaker.fragments(UUID, LineBreaker.Level.SEPARATORS)).containsExactly(UUID);
        assertThat(LineBreaker.fragments("ab-" + HASH, LineBreaker.Level.HYPHENS)).containsExactly("ab-",
                HASH.substring(0, 16), HASH.substring(16, 32), HASH.substring(32, 48), HASH.substring(48));
    }
}
