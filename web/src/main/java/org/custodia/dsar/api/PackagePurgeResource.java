package org.custodia.dsar.api;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.dsar.application.PackagePurgeSchedule;
import org.custodia.platform.api.PlatformAdminEndpoint;

/** The operator runs the periodic purge of answers past their retention now (e.g. after lowering a retention). */
@Path("/admin/dsar-packages/purge")
@PlatformAdminEndpoint
public class PackagePurgeResource {

    @Inject
    PackagePurgeSchedule schedule;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> run() {
        return Map.of("tenantsPurged", schedule.run());
    }
}
