package org.custodia.identity.api;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.identity.application.SignInSummarySchedule;
import org.custodia.platform.api.PlatformAdminEndpoint;
import org.custodia.platform.api.RequestIdFilter;

/** The operator summarises failed sign-ins into the tenants' audit chains now (as the periodic round does). */
@Path("/admin/sign-ins/summarise")
@PlatformAdminEndpoint
public class SignInSummaryResource {

    @Inject
    SignInSummarySchedule schedule;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> run() {
        return Map.of("summariesAppended", schedule.run(RequestIdFilter.currentRequestId()));
    }
}
