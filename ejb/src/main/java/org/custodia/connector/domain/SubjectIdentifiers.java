package org.custodia.connector.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a connector may search by: the request's subject id and, where the request has one, the subject's email.
 * A query parameter the request has no value for is bound as NULL and so matches nothing.
 */
public record SubjectIdentifiers(String subjectId, String email) {

    public enum Name {
        SUBJECT_ID("subject_id", "subjectId"),
        EMAIL("email", "email");

        private final String parameter;
        private final String jsonField;

        Name(String parameter, String jsonField) {
            this.parameter = parameter;
            this.jsonField = jsonField;
        }

        public String parameter() {
            return parameter;
        }

        public String jsonField() {
            return jsonField;
        }

        public static Optional<Name> byParameter(String parameter) {
            return Arrays.stream(values()).filter(n -> n.parameter.equals(parameter)).findFirst();
        }

        public static String parameterList() {
            return Arrays.stream(values()).map(n -> ":" + n.parameter).collect(Collectors.joining(", "));
        }
    }

    public String value(Name name) {
        return switch (name) {
            case SUBJECT_ID -> subjectId;
            case EMAIL -> email;
        };
    }
}
