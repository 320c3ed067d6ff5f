package org.custodia.dpia.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.custodia.dpia.domain.DpiaTemplate.Kind;
import org.custodia.dpia.domain.DpiaTemplate.Question;
import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

class DpiaQuestionnaireTest {

    static final DpiaTemplate TIERS = new DpiaTemplate("ours", 2, "Ours", List.of(new Question("purpose", "What for?", null, Kind.TEXT, null, true),
            new Question("tier", "Tier?", null, Kind.CHOICE, List.of("gold", "silver"), true),
            new Question("consulted", "Consulted?", null, Kind.YES_NO, null, false)));

    @Test
    void theShippedTemplateAsksWhatArticle35Point7RequiresAndIsValid() {
        assertThat(DpiaTemplate.DEFAULT.problems()).isEmpty();
        assertThat(DpiaAnswers.unanswered(DpiaTemplate.DEFAULT, Map.of()))
                .containsExactly("description", "necessity", "rights", "risks", "measures");
    }

    @Test
    void answersMustFitTheirQuestion() {
        List<FieldError> errors = DpiaAnswers.problems(TIERS, Map.of("tier", "bronze", "consulted", "maybe", "colour", "blue",
                "purpose", "x".repeat(DpiaAnswers.TEXT_MAX + 1)));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("answers.tier", "answers.consulted", "answers.colour",
                "answers.purpose");
        assertThat(DpiaAnswers.problems(TIERS, Map.of("tier", "gold", "consulted", "No", "purpose", "payroll"))).isEmpty();
    }

    @Test
    void requiredQuestionsLeftBlankAreStillOpen() {
        assertThat(DpiaAnswers.unanswered(TIERS, Map.of("purpose", " ", "consulted", "yes"))).containsExactly("purpose", "tier");
    }

    @Test
    void aTemplateNamesEachProblem() {
        DpiaTemplate bad = new DpiaTemplate("Bad Key", 0, " ", List.of(new Question("q", "Q?", null, Kind.CHOICE, List.of("one"), true),
                new Question("q", "again", null, Kind.TEXT, List.of("x", "y"), false), new Question("r", "", null, null, null, null)));
        assertThat(bad.problems()).extracting(FieldError::field).containsExactly("key", "title", "questions[0].options",
                "questions[1].id", "questions[1].options", "questions[2].text", "questions[2].kind");
    }

    @Test
    void priorConsultationIsRequiredWhileAFoundRiskStaysInTheHighestBand() {
        assertThat(PriorConsultation.required(List.of(new PriorConsultation.FoundRisk("R-1", false, "medium", true)), "high")).isEmpty();
        assertThat(PriorConsultation.required(List.of(new PriorConsultation.FoundRisk("R-2", true, "high", false)), "high"))
                .as("a closed risk no longer counts").isEmpty();
        assertThat(PriorConsultation.required(List.of(new PriorConsultation.FoundRisk("R-3", false, "high", true),
                new PriorConsultation.FoundRisk("R-4", false, "high", false)), "high")).hasValueSatisfying(why ->
                assertThat(why).startsWith("GDPR Art. 36(1): R-3, R-4 (not yet treated) remain in the highest band (high)"));
    }
}
