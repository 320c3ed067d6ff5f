package org.custodia.dpia.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.custodia.platform.problem.FieldError;

/**
 * Answers to a template's questions, by question id: a text (at most {@link #TEXT_MAX} characters), {@code yes}/{@code no},
 * or one of a choice's options. {@link #problems} refuses malformed answers at any time; {@link #unanswered} names the
 * required questions still open, which keeps an assessment from going to the DPO.
 */
public final class DpiaAnswers {

    public static final int TEXT_MAX = 8000;

    private DpiaAnswers() {
    }

    public static List<FieldError> problems(DpiaTemplate template, Map<String, String> answers) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String> a : answers.entrySet()) {
            DpiaTemplate.Question q = template.questions().stream().filter(x -> x.id().equals(a.getKey())).findFirst().orElse(null);
            String at = "answers." + a.getKey();
            if (q == null) {
                errors.add(new FieldError(at, "is not a question of " + template.key() + " version " + template.version()));
            } else if (a.getValue() != null && !a.getValue().isBlank()) {
                String v = a.getValue().strip();
                switch (q.kind()) {
                    case TEXT -> {
                        if (v.length() > TEXT_MAX) {
                            errors.add(new FieldError(at, "must be at most " + TEXT_MAX + " characters"));
                        }
                    }
                    case YES_NO -> {
                        if (!List.of("yes", "no").contains(v.toLowerCase(Locale.ROOT))) {
                            errors.add(new FieldError(at, "must be yes or no"));
                        }
                    }
                    case CHOICE -> {
                        if (!q.options().contains(v)) {
                            errors.add(new FieldError(at, "must be one of " + q.options()));
                        }
                    }
                }
            }
        }
        return errors;
    }

    /** The ids of the required questions without an answer, in the template's order. */
    public static List<String> unanswered(DpiaTemplate template, Map<String, String> answers) {
        return template.questions().stream().filter(DpiaTemplate.Question::required)
                .filter(q -> answers.get(q.id()) == null || answers.get(q.id()).isBlank()).map(DpiaTemplate.Question::id).toList();
    }
}
