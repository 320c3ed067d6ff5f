package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletRequest;

import org.junit.jupiter.api.Test;

class RequestBodyLimitFilterTest {

    @Test
    void reportVerificationAndConsentImportsHaveTheirOwnLimitsEverythingElseOneMebibyte() {
        assertThat(RequestBodyLimitFilter.limitFor("/api/v1/reports/verify")).isEqualTo(20L * 1024 * 1024);
        assertThat(RequestBodyLimitFilter.limitFor("/api/v1/consents/imports")).isEqualTo(4L * 1024 * 1024 * 1024);
        assertThat(RequestBodyLimitFilter.limitFor("/api/v1/consents")).isEqualTo(1024 * 1024);
        assertThat(RequestBodyLimitFilter.limitFor("/api/v1/purposes")).isEqualTo(1024 * 1024);
    }

    @Test
    void onlyTheExactPathGetsTheLargerLimit() {
        // the import of one id, a trailing slash, another casing, or a path parameter are ordinary requests
        for (String uri : new String[] {"/api/v1/consents/imports/00000000-0000-0000-0000-000000000000",
                "/api/v1/consents/imports/", "/API/v1/consents/imports", "/api/v1/reports/verify;x=1",
                "/api/v1/reports/verify/../../consents", "/x/api/v1/reports/verify"}) {
            assertThat(RequestBodyLimitFilter.limitFor(uri)).as(uri).isEqualTo(RequestBodyLimitFilter.MAX_BODY_BYTES);
        }
    }

    @Test
    void aBodyOfUnknownLengthFailsWhenItsStreamPassesThePathsLimit() throws Exception {
        AtomicReference<ServletRequest> passedOn = new AtomicReference<>();
        new RequestBodyLimitFilter().doFilter(ServletFakes.request("/api/v1/purposes", Map.of(), new byte[1024 * 1024 + 1]),
                ServletFakes.response(ServletFakes.headers()), (req, res) -> passedOn.set(req));
        InputStream body = passedOn.get().getInputStream();
        assertThat(body.readNBytes(1024 * 1024)).hasSize(1024 * 1024);
        assertThatThrownBy(body::read).isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void aBodyWithinTheLimitReadsWhole() throws Exception {
        AtomicReference<ServletRequest> passedOn = new AtomicReference<>();
        new RequestBodyLimitFilter().doFilter(ServletFakes.request("/api/v1/reports/verify", Map.of(), new byte[2 * 1024 * 1024]),
                ServletFakes.response(ServletFakes.headers()), (req, res) -> passedOn.set(req));
        assertThat(passedOn.get().getInputStream().readAllBytes()).hasSize(2 * 1024 * 1024);
    }
}
