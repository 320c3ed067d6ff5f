package org.custodia.identity.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;

import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

/** Single sign-on settings are checked field by field before anything talks to the provider. */
class SsoConfigurationTest {

    static LinkedHashMap<String, String> mapping() {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        m.put("privacy-admins", "ADMIN");
        return m;
    }

    static SsoConfiguration.Input input(String issuer, String clientId, String clientSecret, String audience, String roleClaim,
                                        LinkedHashMap<String, String> mapping, String defaultRole, String scopes) {
        return new SsoConfiguration.Input(issuer, clientId, clientSecret, audience, roleClaim, mapping, defaultRole, scopes);
    }

    @Test
    void aCompleteInputHasNoErrors() {
        assertThat(SsoConfiguration.inputErrors(input("https://idp.example.org/realms/acme", "custodia", "s3cret", null, "realm_access.roles",
                mapping(), null, "openid email"))).isEmpty();
        assertThat(SsoConfiguration.inputErrors(input("http://localhost:8180/realms/x", "custodia", null, "api", "groups",
                new LinkedHashMap<>(), "AUDITOR", null))).isEmpty();
    }

    @Test
    void everyWrongFieldIsNamed() {
        assertThat(SsoConfiguration.inputErrors(input("ftp://idp", " ", "", "a".repeat(201), "no spaces", null, null, "bad\"scope")))
                .extracting(FieldError::field)
                .containsExactly("issuer", "clientId", "clientSecret", "audience", "roleClaim", "roleMapping", "scopes");
        assertThat(SsoConfiguration.inputErrors(input("https://idp", "c", null, null, "groups", new LinkedHashMap<>(), null, null)))
                .extracting(FieldError::field).containsExactly("roleMapping");
    }

    @Test
    void theAudienceDefaultsToTheClientAndTheScopesAlwaysAskForOpenid() {
        assertThat(SsoConfiguration.audienceOf(input("https://idp", "custodia", null, null, "groups", mapping(), null, null)))
                .isEqualTo("custodia");
        assertThat(SsoConfiguration.audienceOf(input("https://idp", "custodia", null, " ", "groups", mapping(), null, null)))
                .isEqualTo("custodia");
        assertThat(SsoConfiguration.audienceOf(input("https://idp", "custodia", null, "api://custodia", "groups", mapping(), null, null)))
                .isEqualTo("api://custodia");
        assertThat(SsoConfiguration.scopesOf(input("https://idp", "c", null, null, "groups", mapping(), null, null)))
                .isEqualTo("openid email profile");
        assertThat(SsoConfiguration.scopesOf(input("https://idp", "c", null, null, "groups", mapping(), null, "email groups")))
                .isEqualTo("openid email groups");
        assertThat(SsoConfiguration.scopesOf(input("https://idp", "c", null, null, "groups", mapping(), null, "openid groups")))
                .isEqualTo("openid groups");
    }
}
