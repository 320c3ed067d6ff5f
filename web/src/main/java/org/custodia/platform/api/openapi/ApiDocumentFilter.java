package org.custodia.platform.api.openapi;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Completes the document WildFly generates from the resources (mp.openapi.filter): each operation gets who may call
 * it ({@code x-custodia-access} and its description, from the same annotations the authentication filter enforces),
 * its security schemes, the problem responses the platform can answer with (RFC 9457, each with an example), a tag
 * per bounded context and an operation id a client generator can use ({@code consentCheck}).
 */
public class ApiDocumentFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String ACCESS = "x-custodia-access";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.setInfo(OASFactory.createInfo().title("Custodia API").version("1")
                .description("Privacy-compliance workflows: consent, data subject requests, evidence, webhooks. Every error is an"
                        + " RFC 9457 problem document (`application/problem+json`); each operation names the permission it needs"
                        + " (`x-custodia-access`).")
                .contact(OASFactory.createContact().name("Custodia"))
                // no licence is chosen yet: SPDX's NOASSERTION says so (WildFly writes empty objects for absent ones)
                .license(OASFactory.createLicense().name("No licence declared").identifier("NOASSERTION")));
        api.setExternalDocs(OASFactory.createExternalDocumentation().description("Set-up, configuration and API overview")
                .url("/console/"));
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(NullableFields::mark);
        }
        components.addSchema(PROBLEM, ProblemDocuments.schema());
        components.addSchema(ProblemDocuments.FIELD_ERROR, ProblemDocuments.fieldErrorSchema());
        components.addSecurityScheme("bearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key (`ck_...`), or for the operator's endpoints the admin token"));
        components.addSecurityScheme("session", OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name("custodia_session").description("A console session (signed in at /auth/login)"));

        Set<String> operationIds = new HashSet<>();
        Set<String> tags = new java.util.TreeSet<>();
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                complete(path.getKey(), op.getKey(), op.getValue(), operationIds, tags);
            }
        }
        List<Tag> tagList = new ArrayList<>();
        tags.forEach(t -> tagList.add(OASFactory.createTag().name(t)));
        api.setTags(tagList);
    }

    private static void complete(String path, PathItem.HttpMethod http, Operation operation, Set<String> operationIds, Set<String> tags) {
        Method method = ResourceMethods.of(operation.getOperationId(), http);
        EndpointAccess access = EndpointAccess.of(method);
        String context = ResourceMethods.context(method);
        tags.add(context);
        operation.setTags(List.of(context));
        String id = ResourceMethods.operationId(method);
        operation.setOperationId(operationIds.add(id) ? id : id + "Of" + method.getDeclaringClass().getSimpleName());
        operation.addExtension(ACCESS, access.extension());
        operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n") + access.sentence());
        List<SecurityRequirement> security = new ArrayList<>();
        if (!access.isPublic()) {
            security.add(OASFactory.createSecurityRequirement().addScheme("bearer"));
            if (!access.isPlatformAdmin()) {
                security.add(OASFactory.createSecurityRequirement().addScheme("session"));
            }
        }
        operation.setSecurity(security);
        boolean idempotent = http == PathItem.HttpMethod.POST || http == PathItem.HttpMethod.PUT || http == PathItem.HttpMethod.PATCH;
        if (idempotent && !access.isPublic()) {
            operation.addParameter(OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER).required(false)
                    .description("Makes a retry safe: the same key, caller and request within 24 hours gets the first answer again"
                            + " (2xx only); the key with another request 422, while the first still runs 409")
                    .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)
                            .minLength(1).maxLength(255).pattern("^[\\x21-\\x7e]+$")));
        }

        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean body = operation.getRequestBody() != null;
        boolean query = operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> p.getIn() != Parameter.In.PATH);
        boolean changes = http != PathItem.HttpMethod.GET && http != PathItem.HttpMethod.HEAD;
        Map<Integer, Boolean> errors = new LinkedHashMap<>();
        errors.put(400, true);
        errors.put(401, !access.isPublic());
        errors.put(403, true);
        errors.put(404, path.contains("{"));
        errors.put(409, changes);
        errors.put(413, body);
        errors.put(415, body);
        errors.put(422, body || query);
        errors.put(429, true);
        errors.put(503, access.costly());
        errors.forEach((status, applies) -> {
            if (applies && !responses.hasAPIResponse(String.valueOf(status))) {
                responses.addAPIResponse(String.valueOf(status), OASFactory.createAPIResponse());
            }
        });
        for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
            int status = r.getKey().matches("\\d{3}") ? Integer.parseInt(r.getKey()) : 0;
            if (status >= 400) {
                ProblemDocuments.complete(status, r.getValue(), access);
            }
        }
    }
}
