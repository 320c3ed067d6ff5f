package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

class RequestMetricsFilterTest {

    @Path("/webhooks")
    static class Nested {
        @GET
        public void list() {
        }

        @GET
        @Path("{id}/deliveries/")
        public void deliveries() {
        }
    }

    static class Unrooted {
        @GET
        @Path("/ping")
        public void ping() {
        }
    }

    @Test
    void anEndpointIsNamedByItsTemplateNotByWhatWasTyped() throws NoSuchMethodException {
        assertThat(RequestMetricsFilter.template(Nested.class, Nested.class.getMethod("list"))).isEqualTo("/webhooks");
        assertThat(RequestMetricsFilter.template(Nested.class, Nested.class.getMethod("deliveries")))
                .isEqualTo("/webhooks/{id}/deliveries");
        assertThat(RequestMetricsFilter.template(Unrooted.class, Unrooted.class.getMethod("ping"))).isEqualTo("/ping");
    }
}
