package org.custodia.consent.api;

import org.custodia.platform.api.RequiresPermission;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.consent.application.ConsentService;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.problem.ProblemException;

@Path("/purposes")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PurposeResource {

    public record DefinePurpose(String key, String name, String description) {
    }

    public record PurposeView(String id, String key, String name, String description, int version, String createdAt) {
        static PurposeView of(ConsentPurpose p) {
            return new PurposeView(p.id().toString(), p.key(), p.name(), p.description(), p.version(),
                    p.createdAt().toString());
        }
    }

    @Inject
    ConsentService consents;

    @Inject
    CallerContext caller;

    @RequiresPermission("purpose:create")
    @POST
    public Response define(DefinePurpose body) {
        RequestBodies.required(body);
        return Response.status(201)
                .entity(PurposeView.of(consents.definePurpose(caller.actor(), body.key(), body.name(), body.description())))
                .build();
    }

    @RequiresPermission("purpose:view")
    @GET
    public List<PurposeView> list() {
        return consents.purposes(caller.caller().tenantId()).stream().map(PurposeView::of).toList();
    }

    @RequiresPermission("purpose:view")
    @GET
    @Path("/{key}")
    public PurposeView get(@PathParam("key") String key) {
        ConsentPurpose p = consents.purpose(caller.caller().tenantId(), key);
        if (p == null) {
            throw ProblemException.notFound("Purpose '" + key + "'");
        }
        return PurposeView.of(p);
    }
}
