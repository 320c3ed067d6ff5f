package org.custodia.dsar.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.custodia.kernel.EmailAddress;
import org.custodia.platform.problem.FieldError;

/**
 * How to reach a request's subject, as intake gave it: their address (the one confirmed by link, or given by staff),
 * name and free-text details, the language they want mail in, and an authorised agent acting for them. Stored sealed
 * ({@code dsar_contact}); never in process variables, audit payloads, logs or reviewer mail.
 */
public record SubjectContact(String email, String name, String details, String language, Agent agent) {

    public static final int MAX_NAME = 200;
    public static final int MAX_DETAILS = 4000;
    public static final int MAX_EVIDENCE = 2000;

    /**
     * Someone the subject authorised to make the request (CCPA § 7063, GDPR recital 59 practice): their name and
     * address, and a short description or reference of the signed authorisation the staff member saw.
     */
    public record Agent(String name, String email, String authorisationEvidence) {
    }

    /** The address to compare and index: trimmed, lower case, Unicode NFC (so look-alike encodings of one address agree). */
    public static String normalisedEmail(String email) {
        return Normalizer.normalize(EmailAddress.normalised(email), Normalizer.Form.NFC);
    }

    /** The language code for mail ("de-DE" gives "de"), or null when none or none recognisable was given. */
    public static String languageCode(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String language = tag.strip().split("[-_]", 2)[0].toLowerCase(java.util.Locale.ROOT);
        return language.matches("[a-z]{2,3}") ? language : null;
    }

    /** What is wrong with the fields; {@code emailRequired} for the public intake, whose subject must confirm one. */
    public static List<FieldError> problems(String email, String name, String details, String language, Agent agent,
                                            boolean emailRequired) {
        List<FieldError> problems = new ArrayList<>();
        if (email == null || email.isBlank()) {
            if (emailRequired) {
                problems.add(new FieldError("email", "is required: the address the confirmation link goes to"));
            }
        } else if (!EmailAddress.valid(email)) {
            problems.add(new FieldError("email", "must be an email address of at most " + EmailAddress.MAX_LENGTH + " characters"));
        }
        if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            problems.add(new FieldError("name", "must be 1 to " + MAX_NAME + " characters when given"));
        }
        if (details != null && details.length() > MAX_DETAILS) {
            problems.add(new FieldError("details", "must be at most " + MAX_DETAILS + " characters"));
        }
        if (language != null && languageCode(language) == null) {
            problems.add(new FieldError("language", "must be a language code such as en or de-DE"));
        }
        if (agent != null) {
            if (agent.name() == null || agent.name().isBlank() || agent.name().length() > MAX_NAME) {
                problems.add(new FieldError("agent.name", "is required: 1 to " + MAX_NAME + " characters"));
            }
            if (!EmailAddress.valid(agent.email())) {
                problems.add(new FieldError("agent.email", "is required: an email address of at most " + EmailAddress.MAX_LENGTH + " characters"));
            }
            if (agent.authorisationEvidence() == null || agent.authorisationEvidence().isBlank()
                    || agent.authorisationEvidence().length() > MAX_EVIDENCE) {
                problems.add(new FieldError("agent.authorisationEvidence",
                        "is required: 1 to " + MAX_EVIDENCE + " characters describing the signed authorisation seen"));
            }
        }
        return problems;
    }

    /** The address mail about the request goes to: the agent's when an agent acts, else the subject's (may be null). */
    public String mailRecipient() {
        return agent != null ? agent.email().strip() : email == null ? null : email.strip();
    }
}
