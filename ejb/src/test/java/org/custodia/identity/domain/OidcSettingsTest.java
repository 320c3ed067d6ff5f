package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    static OidcSettings settings(String claim, String defaultRole) {
        LinkedHashMap<String, String> mapping = new LinkedHashMap<>();
        mapping.put("custodia-admins", "ADMIN");
        mapping.put("dpo", "APPROVER");
        mapping.put("audit", "AUDITOR");
        return new OidcSettings("https://idp.example", "custodia", false, "custodia", claim, mapping, defaultRole, "openid");
    }

    @Test
    void theFirstMappingTheClaimHoldsWinsInTheOrderWritten() {
        assertThat(settings("groups", null).roleFor(Map.of("groups", List.of("audit", "dpo")))).hasValue("APPROVER");
        assertThat(settings("groups", null).roleFor(Map.of("groups", List.of("audit")))).hasValue("AUDITOR");
        assertThat(settings("groups", null).roleFor(Map.of("groups", "custodia-admins"))).hasValue("ADMIN");
    }

    @Test
    void nestedClaimsAndTheDefaultRole() {
        Map<String, Object> keycloak = Map.of("realm_access", Map.of("roles", List.of("offline_access", "dpo")));
        assertThat(settings("realm_access.roles", null).roleFor(keycloak)).hasValue("APPROVER");
        assertThat(settings("groups", null).roleFor(Map.of("groups", List.of("sales")))).isEmpty();
        assertThat(settings("groups", "AUDITOR").roleFor(Map.of())).hasValue("AUDITOR");
    }
}
