package org.custodia.platform.api;

import org.custodia.platform.problem.ProblemException;

/** Checks shared by every resource that takes a JSON body. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** An empty body reaches resources as null: refuse it like a malformed one. */
    public static <T> T required(T body) {
        if (body == null) {
            throw new ProblemException(400, "malformed-body", "Malformed request body",
                    "A JSON body is required.", java.util.List.of());
        }
        return body;
    }
}
