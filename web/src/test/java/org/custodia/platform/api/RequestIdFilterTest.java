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
    void aCallersTraceIsContinuedWithASpanOfItsOwnAndLogged() throws Exception {
        Map<String, String> headers = ServletFakes.headers();
        AtomicReference<String> seen = new AtomicReference<>();
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        new RequestIdFilter().doFilter(ServletFakes.request("/api/v1/ping", Map.of("traceparent", caller)),
                ServletFakes.response(headers), (req, res) -> seen.set(MDC.get("traceId") + " " + MDC.get("spanId")));
        assertThat(seen.get()).startsWith("4bf92f3577b34da6a3ce929d0e0e4736 ").doesNotEndWith("00f067aa0ba902b7");
        assertThat(headers.get("traceparent")).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .endsWith(seen.get().substring(33) + "-01");
        assertNothingLeftOnTheThread();
    }

    @Test
    void anythingButAValidTraceparentStartsANewTrace() {
        for (String bad : new String[] {null, "", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nX: y"}) {
            TraceContext t = TraceContext.continueOrStart(bad);
            assertThat(t.traceparent()).as(String.valueOf(bad)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00")
                    .doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736").doesNotContain("0000000000000000");
        }
        assertThat(TraceContext.continueOrStart(null).traceId()).isNotEqualTo(TraceContext.continueOrStart(null).traceId());
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
        for (String key : new String[] {RequestIdFilter.MDC_KEY, "traceId", "spanId", "tenantId", "principal", "userId"}) {
            assertThat(MDC.get(key)).as(key).isNull();
        }
    }
}
