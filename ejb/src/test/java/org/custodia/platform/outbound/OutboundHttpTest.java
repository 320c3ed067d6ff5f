package org.custodia.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The overall deadline holds against a peer that keeps every single read within its timeout: one that sends its
 * status line a byte at a time, forever. The exchange is cancelled when the deadline passes.
 */
class OutboundHttpTest {

    static final OutboundUrlGuard LOOPBACK = new OutboundUrlGuard(new OutboundPolicy(true, Set.of()),
            host -> new InetAddress[] {InetAddress.getLoopbackAddress()});

    @Test
    void aPeerTricklingItsAnswerIsCutOffAtTheDeadline() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[4096]); // the request
                    for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(300); // well inside the 5 s read timeout, every time
                    }
                    while (true) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(300);
                    }
                } catch (Exception closedByTheClient) {
                    // the cut-off closes the connection
                }
            });
            peer.setDaemon(true);
            peer.start();
            OutboundHttp http = new OutboundHttp(LOOPBACK, 2_000);
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.post(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook"), Map.of(),
                    "application/json", "{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(RefusedUrl.class).hasMessageContaining("took longer than 2000 ms");
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(tookMs).as("cut off near its deadline, not left waiting on the peer").isBetween(1_900L, 6_000L);
        }
    }
}
