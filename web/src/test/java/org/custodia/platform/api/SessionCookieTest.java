package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.NewCookie;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    @AfterEach
    void reset() {
        System.clearProperty("custodia.public.url");
    }

    @Test
    void overHttpsTheCookieHasTheHostPrefixPathSlashAndNoDomain() {
        System.setProperty("custodia.public.url", "https://privacy.example.com");
        NewCookie c = SessionCookie.of("cus_s_x", 60);
        assertThat(SessionCookie.name()).isEqualTo("__Host-custodia_session");
        assertThat(c.getName()).isEqualTo("__Host-custodia_session");
        assertThat(c.getPath()).isEqualTo("/");
        assertThat(c.getDomain()).isNull();
        assertThat(c.isSecure()).isTrue();
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(c.getSameSite()).isEqualTo(NewCookie.SameSite.LAX);
    }

    @Test
    void overPlainHttpInDevelopmentItKeepsThePlainNameScopedToTheApi() {
        System.setProperty("custodia.public.url", "http://localhost:8080");
        NewCookie c = SessionCookie.of("cus_s_x", 60);
        assertThat(c.getName()).isEqualTo("custodia_session");
        assertThat(c.getPath()).isEqualTo("/api");
    }
}
