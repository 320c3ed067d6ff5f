package org.custodia.notification.api;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.notification.application.DueDateSchedule;
import org.custodia.platform.api.PlatformAdminEndpoint;

/** The operator runs the periodic due-date reminder round now (e.g. after importing a register with past review dates). */
@Path("/admin/reminders/run")
@PlatformAdminEndpoint
public class ReminderRunResource {

    @Inject
    DueDateSchedule schedule;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> run() {
        return Map.of("reminded", schedule.run());
    }
}
