package org.custodia.connector.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.connector.application.ConnectorDefinition;
import org.custodia.connector.application.ConnectorService;
import org.custodia.connector.domain.CategoryQuery;
import org.custodia.connector.domain.Connector;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.api.SecretBearingResponse;

/**
 * The systems discovery searches for a subject's data. A password or signing secret is write-only: views say
 * {@code secretSet}; an HTTP connector's signing secret is in the creating answer only.
 */
@Path("/connectors")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConnectorResource {

    public record QueryBody(String category, String sql) {
    }

    /** JDBC: name, jdbcUrl, user, password, queries; HTTP: name, endpointUrl. {@code enabled} defaults to true. */
    public record ConnectorBody(String name, String kind, Boolean enabled, String jdbcUrl, String user, String password,
                                String endpointUrl, List<QueryBody> queries) {
        ConnectorDefinition definition() {
            return new ConnectorDefinition(name, kind, enabled, jdbcUrl, user, password, endpointUrl,
                    queries == null ? null : queries.stream().map(q -> q == null ? null : new CategoryQuery(q.category(), q.sql())).toList());
        }
    }

    public record ConnectorView(String id, String name, String kind, boolean enabled, String jdbcUrl, String user,
                                boolean passwordSet, String endpointUrl, boolean secretSet, List<QueryBody> queries,
                                String createdAt, String updatedAt) {
        static ConnectorView of(Connector c) {
            boolean jdbc = c.kind() == org.custodia.connector.domain.ConnectorKind.JDBC;
            return new ConnectorView(c.id().toString(), c.name(), c.kind().name(), c.enabled(), c.jdbcUrl(), c.jdbcUser(),
                    jdbc && c.secretSet(), c.endpointUrl(), c.secretSet(),
                    c.queries().stream().map(q -> new QueryBody(q.category(), q.sql())).toList(),
                    c.createdAt().toString(), c.updatedAt().toString());
        }
    }

    /** The creating answer: the view, and for HTTP the signing secret ({@code whsec_...}), never shown again. */
    public record CreatedConnector(ConnectorView connector, String signingSecret) {
    }

    @Inject
    ConnectorService connectors;

    @Inject
    CallerContext caller;

    @RequiresPermission("connector:create")
    @SecretBearingResponse
    @POST
    @APIResponse(responseCode = "201", description = "The connector; for HTTP its signing secret, shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedConnector.class)))
    public Response create(ConnectorBody body) {
        RequestBodies.required(body);
        ConnectorService.Created created = connectors.create(caller.actor(), body.definition());
        return Response.status(201).entity(new CreatedConnector(ConnectorView.of(created.connector()), created.secret())).build();
    }

    @RequiresPermission("connector:view")
    @GET
    public List<ConnectorView> list() {
        return connectors.list(caller.caller().tenantId()).stream().map(ConnectorView::of).toList();
    }

    @RequiresPermission("connector:view")
    @GET
    @Path("/{id}")
    public ConnectorView get(@PathParam("id") String id) {
        return ConnectorView.of(connectors.find(caller.caller().tenantId(), Inputs.id(id, "connector")));
    }

    /** Replaces the definition; a JDBC password left out keeps the stored one. */
    @RequiresPermission("connector:update")
    @PUT
    @Path("/{id}")
    public ConnectorView update(@PathParam("id") String id, ConnectorBody body) {
        RequestBodies.required(body);
        return ConnectorView.of(connectors.update(caller.actor(), Inputs.id(id, "connector"), body.definition()));
    }

    @RequiresPermission("connector:delete")
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "The connector is deleted")
    public Response delete(@PathParam("id") String id) {
        connectors.delete(caller.actor(), Inputs.id(id, "connector"));
        return Response.noContent().build();
    }
}
