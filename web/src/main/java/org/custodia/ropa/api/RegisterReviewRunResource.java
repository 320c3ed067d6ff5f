package org.custodia.ropa.api;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.platform.api.PlatformAdminEndpoint;
import org.custodia.ropa.application.RegisterReviewSchedule;

/** The operator runs the periodic review-reminder round now (e.g. after importing a register with past review dates). */
@Path("/admin/register-reviews/run")
@PlatformAdminEndpoint
public class RegisterReviewRunResource {

    @Inject
    RegisterReviewSchedule schedule;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> run() {
        return Map.of("tenantsReminded", schedule.run());
    }
}
