package org.custodia.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One offending input field and why it was refused.
 *
 * @param line for an uploaded file, the line (or spreadsheet row) the problem is on; else null and left out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String reason, Integer line) {

    public FieldError(String field, String reason) {
        this(field, reason, null);
    }
}
