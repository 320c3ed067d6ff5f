package org.custodia.platform.api;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A no-op endpoint: liveness, and the baseline the benchmarks compare against. */
@Path("/ping")
@PublicEndpoint
public class PingResource {

    private static final Map<String, String> PONG = Map.of("status", "ok");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> ping() {
        return PONG;
    }
}
