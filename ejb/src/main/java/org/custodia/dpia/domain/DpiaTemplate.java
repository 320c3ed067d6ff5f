package org.custodia.dpia.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.custodia.platform.problem.FieldError;

/**
 * A questionnaire a DPIA is answered against, versioned per tenant: a new version never changes the answers given to an
 * older one. The shipped template ({@link #DEFAULT}) asks what Art. 35(7)(a)-(d) requires the assessment to contain.
 */
public record DpiaTemplate(String key, int version, String title, List<Question> questions) {

    public enum Kind { TEXT, YES_NO, CHOICE }

    /** One question; {@code options} for CHOICE only. */
    public record Question(String id, String text, String help, Kind kind, List<String> options, Boolean required) {
        public Question {
            options = options == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(options));
            required = Boolean.TRUE.equals(required); // left out: optional
        }
    }

    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final Pattern QUESTION_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public static final DpiaTemplate DEFAULT = new DpiaTemplate("art35", 1, "GDPR Article 35(7) assessment", List.of(
            new Question("description", "Describe the processing operations and their purposes, with the legitimate interest pursued where"
                    + " it applies.", "Art. 35(7)(a): nature, scope, context, purposes; the data, its sources, who can see it.", Kind.TEXT,
                    null, true),
            new Question("necessity", "Why is the processing necessary and proportionate to its purposes?",
                    "Art. 35(7)(b): lawful basis, data minimisation, storage limitation, accuracy.", Kind.TEXT, null, true),
            new Question("rights", "How are data subjects informed and how do they exercise their rights?",
                    "Arts. 12-22: information, access, erasure, objection; processors under Art. 28; transfers under Chapter V.",
                    Kind.TEXT, null, true),
            new Question("risks", "What risks to the rights and freedoms of data subjects does the processing carry?",
                    "Art. 35(7)(c): likelihood and severity, from the data subjects' point of view; add each as a risk of this"
                            + " assessment so it is rated and treated in the risk register.", Kind.TEXT, null, true),
            new Question("measures", "Which measures address the risks (safeguards, security measures, mechanisms)?",
                    "Art. 35(7)(d); Art. 32 security; Art. 25 data protection by design and by default.", Kind.TEXT, null, true),
            new Question("subjects_consulted", "Were the views of data subjects or their representatives sought?",
                    "Art. 35(9), where appropriate.", Kind.YES_NO, null, false),
            new Question("codes_of_conduct", "Does an approved code of conduct apply?", "Art. 35(8).", Kind.YES_NO, null, false)));

    public DpiaTemplate {
        questions = questions == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(questions));
    }

    /** What is wrong with a template a tenant writes, by field. */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add(new FieldError("key", "must be 1 to 64 lower-case letters, digits or '-'"));
        }
        if (title == null || title.isBlank() || title.length() > 300) {
            errors.add(new FieldError("title", "is required, 1 to 300 characters"));
        }
        if (questions.isEmpty() || questions.size() > 100) {
            errors.add(new FieldError("questions", "1 to 100 questions"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String at = "questions[" + i + "]";
            if (q == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            if (q.id() == null || !QUESTION_ID.matcher(q.id()).matches()) {
                errors.add(new FieldError(at + ".id", "must be 1 to 64 lower-case letters, digits, '_' or '-'"));
            } else if (!ids.add(q.id())) {
                errors.add(new FieldError(at + ".id", "is used twice"));
            }
            if (q.text() == null || q.text().isBlank() || q.text().length() > 1000) {
                errors.add(new FieldError(at + ".text", "is required, 1 to 1000 characters"));
            }
            if (q.help() != null && q.help().length() > 2000) {
                errors.add(new FieldError(at + ".help", "must be at most 2000 characters"));
            }
            if (q.kind() == null) {
                errors.add(new FieldError(at + ".kind", "must be TEXT, YES_NO or CHOICE"));
            } else if (q.kind() == Kind.CHOICE ? q.options().size() < 2 || q.options().size() > 20 : !q.options().isEmpty()) {
                errors.add(new FieldError(at + ".options", q.kind() == Kind.CHOICE ? "a choice needs 2 to 20 options" : "only a CHOICE has options"));
            }
        }
        return errors;
    }
}
