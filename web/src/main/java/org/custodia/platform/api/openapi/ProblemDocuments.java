package org.custodia.platform.api.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import org.custodia.platform.api.Problems;

/** The RFC 9457 problem document every error of the API is, with a description and an example per status. */
final class ProblemDocuments {

    static final String FIELD_ERROR = "FieldError";

    private ProblemDocuments() {
    }

    static Schema schema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("An RFC 9457 problem document")
                .required(List.of("type", "title", "status"))
                .addProperty("type", string("A URI naming the kind of problem (" + Problems.TYPE_BASE + "<name>)").format("uri"))
                .addProperty("title", string("A short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string("What went wrong this time"))
                .addProperty("requestId", string("The request's id (X-Request-Id), as the server log names it"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref(FIELD_ERROR)).description("Each field in error and why"));
    }

    static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).required(List.of("field", "reason"))
                .addProperty("field", string("The field, query parameter or header"))
                .addProperty("reason", string("Why it was refused"))
                .addProperty("line", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("For an uploaded file: the line (spreadsheet row) the problem is on"));
    }

    /** Gives an error response its description, the problem media type and schema, and an example, where it lacks them. */
    static void complete(int status, APIResponse response, EndpointAccess access) {
        Example e = example(status, access);
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(e.description());
        }
        if (response.getContent() == null) {
            response.setContent(OASFactory.createContent());
        }
        MediaType media = response.getContent().getMediaType(Problems.MEDIA_TYPE);
        if (media == null) {
            media = OASFactory.createMediaType();
            response.getContent().addMediaType(Problems.MEDIA_TYPE, media);
        }
        if (media.getSchema() == null) {
            media.setSchema(OASFactory.createSchema().ref(ApiDocumentFilter.PROBLEM));
        }
        if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
            media.setExample(e.body());
        }
        if (status == 429 || status == 503) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying again")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
    }

    record Example(String description, Map<String, Object> body) {
    }

    static Example example(int status, EndpointAccess access) {
        return switch (status) {
            case 400 -> of("The request is malformed: JSON that does not parse, a wrong type, an unknown property", status,
                    "malformed-body", "Malformed request", "The body is not valid JSON.", null);
            case 401 -> of("No valid credentials (an API key, a session, or for operator endpoints the admin token)", status,
                    "unauthorized", "Unauthorized", "Authentication required.", null);
            case 403 -> of("The credentials do not allow this", status, "forbidden", "Forbidden",
                    access.kind() == EndpointAccess.Kind.PERMISSION ? "Your role does not hold " + access.permission() + "."
                            : "Not allowed.", null);
            case 404 -> of("Nothing of that id exists in your organisation", status, "not-found", "Not found",
                    "The resource does not exist.", null);
            case 409 -> of("The change conflicts with the current state (or an Idempotency-Key in use)", status, "conflict",
                    "Conflict", "It exists already.", Map.of("field", "key", "reason", "it exists already"));
            case 410 -> of("The link has expired or been used", status, "link-expired", "Link expired",
                    "This link has expired.", null);
            case 413 -> of("The body is larger than this endpoint takes", status, "payload-too-large", "Payload too large",
                    "The request body is larger than 1 MiB.", null);
            case 415 -> of("The body's media type is not one this endpoint takes", status, "unsupported-media-type",
                    "Unsupported media type", "Send application/json.", null);
            case 422 -> of("A value is invalid: nothing was written", status, "validation", "Invalid request",
                    "One or more fields are invalid.", Map.of("field", "subject", "reason", "is required"));
            case 429 -> of("Too many requests: wait the Retry-After seconds", status, "rate-limited", "Too many requests",
                    "Rate limit exceeded.", null);
            case 502 -> of("The identity provider could not be reached", status, "identity-provider", "Identity provider unavailable",
                    "The identity provider did not answer.", null);
            case 503 -> of("Busy: try again after Retry-After seconds", status, "busy", "Busy", "Try again shortly.", null);
            default -> of("Error", status, "error", "Error", null, null);
        };
    }

    private static Example of(String description, int status, String type, String title, String detail, Map<String, String> error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problems.TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("requestId", "5f0c6a8e-2b1d-4c1e-9d7a-0e4b2f6a9c31");
        if (error != null) {
            body.put("errors", List.of(error));
        }
        return new Example(description, body);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
