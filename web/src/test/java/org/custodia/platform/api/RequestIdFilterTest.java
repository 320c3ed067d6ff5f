package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletException;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

class RequestIdFilterTest {

    @Test
    void aSaneCallerIdIsKept() {
        assertThat(RequestIdFilter.requestIdFor("abc-123_45.6:7")).isEqualTo("abc-123_45.6:7");
        assertThat(RequestIdFilter.requestIdFor("x".repeat(64))).isEqualTo("x".repeat(64));
    }

    @Test
    void anyOtherCallerIdIsReplacedByANewOne() {
        for (String insane : new String[] {null, "", "short", "x".repeat(65), "abcdefgh\r\nSet-Cookie: a=b",
                "abcdefgh ijk", "<script>alert(1)</script>", "ünïcödé-ïd"}) {
            String id = RequestIdFilter.requestIdFor(insane);
            assertThat(id).as(String.valueOf(insane)).isNotEqualTo(insane)
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
        assertThat(RequestIdFilter.requestIdFor(null)).isNotEqualTo(RequestIdFilter.requestIdFor(null));
    }

    @Test
    void theIdIsInTheResponseTheMdcAndTheThreadForTheRequestAndGoneAfter() throws Exception {
        Map<String, String> headers = ServletFakes.headers();
        AtomicReference<String> seen = new AtomicReference<>();
        new RequestIdFilter().doFilter(ServletFakes.request("/api/v1/ping", Map.of("X-Request-Id", "caller-id-0001")),
                ServletFakes.response(headers), (req, res) -> {
                    seen.set(RequestIdFilter.currentRequestId() + " " + MDC.get(RequestIdFilter.MDC_KEY));
                    MDC.put("tenantId", "t");
                    MDC.put("principal", "p");
                    MDC.put("userId", "u");
                });
        assertThat(seen.get()).isEqualTo("caller-id-0001 caller-id-0001");
        assertThat(headers).containsEntry("X-Request-Id", "caller-id-0001");
        assertNothingLeftOnTheThread();
    }

    @Test
    void theThreadIsClearedEvenWhenTheRequestFails() {
        assertThatThrownBy(() -> new RequestIdFilter().doFilter(ServletFakes.request("/api/v1/ping", Map.of()),
                ServletFakes.response(ServletFakes.headers()), (req, res) -> {
                    MDC.put("tenantId", "t");
                    throw new ServletException("boom");
                })).hasMessage("boom");
        assertNothingLeftOnTheThread();
    }

    private static void assertNothingLeftOnTheThread() {
        assertThat(RequestIdFilter.currentRequestId()).isNull();
        for (String key : new String[] {RequestIdFilter.MDC_KEY, "tenantId", "principal", "userId"}) {
            assertThat(MDC.get(key)).as(key).isNull();
        }
    }
}
