package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    /**
     * The EAR's libraries carry no JAX-RS resources of their own onto the API: EclipseLink's bundle jar brought JPA-RS
     * ({@code /{version}/{context}/entity/...}), which answered 401/403 (a resource matched) before it was dropped.
     */
    @Test
    void onlyCustodiasOwnResourcesAreServed() {
        Api.Tenant t = Api.newTenant("jpars");
        for (String path : new String[] {"/v2.0/custodia/metadata", "/v2.0", "/v1.0/custodia/entity/ConsentPurpose/1"}) {
            assertThat(Api.anonymous().get(path).status()).as(path).isEqualTo(404);
            assertThat(t.api().get(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void theDocumentIsServed() throws Exception {
        Api.Reply r = OperationsIT.fetch(OperationsIT.web() + "/openapi?format=JSON");
        Files.writeString(Path.of("target/openapi.json"), r.raw().body());
        assertThat(r.status()).isEqualTo(200);
    }
    }
}
