package org.custodia.identity.api;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.identity.application.RoleCatalogue;
import org.custodia.platform.api.RequiresPermission;

/** The role × permission table, from the database (docs/roles.md is generated from the same data). */
@Path("/roles")
@Produces(MediaType.APPLICATION_JSON)
public class RoleResource {

    public record Catalogue(List<RoleCatalogue.Permission> permissions, Map<String, SortedSet<String>> roles) {
    }

    @Inject
    RoleCatalogue catalogue;

    @GET
    @RequiresPermission("role:view")
    public Catalogue roles() {
        return new Catalogue(catalogue.permissions(), catalogue.roles());
    }
}
