package org.custodia.evidence.api;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.evidence.application.CheckpointSchedule;
import org.custodia.platform.api.PlatformAdminEndpoint;

/** The operator runs the periodic checkpoint round now (e.g. before a backup or an audit). */
@Path("/admin/checkpoints/run")
@PlatformAdminEndpoint
public class CheckpointSweepResource {

    @Inject
    CheckpointSchedule schedule;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> run() {
        return Map.of("checkpointsTaken", schedule.run());
    }
}
