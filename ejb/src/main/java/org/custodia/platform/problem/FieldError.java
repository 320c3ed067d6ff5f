package org.custodia.platform.problem;

/** One offending input field and why it was refused. */
public record FieldError(String field, String reason) {
}
