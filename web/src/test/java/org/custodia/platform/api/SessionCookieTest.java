package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    @AfterEach
    void reset() {
        System.clearProperty("custodia.public.url");
    }

    @Test
    void overHttpsTheCookieHasTheHostPrefixAndPathSlash() {
        System.setProperty("custodia.public.url", "https://privacy.example.com");
        assertThat(SessionCookie.name()).isEqualTo("__Host-custodia_session");
        assertThat(SessionCookie.path()).isEqualTo("/");
    }

    @Test
    void overPlainHttpInDevelopmentItKeepsThePlainNameScopedToTheApi() {
        System.setProperty("custodia.public.url", "http://localhost:8080");
        assertThat(SessionCookie.name()).isEqualTo("custodia_session");
        assertThat(SessionCookie.path()).isEqualTo("/api");
    }
}
