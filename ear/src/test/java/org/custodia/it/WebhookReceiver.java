package org.custodia.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import com.sun.net.httpserver.HttpServer;

/**
 * A customer's webhook endpoint on loopback: records every request it gets (headers, body, when) and answers with the
 * status {@code answer} gives for the message id and how often it came; optionally slow.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String id, Map<String, String> headers, String body, Instant at, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    private volatile BiFunction<String, Integer, Integer> answer = (id, n) -> 204;
    private volatile Duration slowness = Duration.ZERO;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = headers.getOrDefault("webhook-id", "");
            int n = tries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            int status = answer.apply(id, n);
            try {
                Thread.sleep(slowness.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (received) {
                received.add(new Received(id, headers, body, Instant.now(), status));
            }
            byte[] reply = (status >= 300 ? "{\"error\":\"receiver says no\"}" : "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
            if (reply.length > 0) {
                exchange.getResponseBody().write(reply);
            }
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(BiFunction<String, Integer, Integer> answer) {
        this.answer = answer;
    }

    void slowness(Duration slowness) {
        this.slowness = slowness;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until {@code count} requests came (else fails, naming what did). */
    List<Received> await(int count, Duration patience) throws InterruptedException {
        Instant end = Instant.now().plus(patience);
        while (Instant.now().isBefore(end)) {
            List<Received> now = received();
            if (now.size() >= count) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " webhook requests, got " + received().size());
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
