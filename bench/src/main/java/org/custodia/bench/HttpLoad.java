package org.custodia.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator for the DSAR timer benchmark, the same client for the baseline and the measured
 * endpoint: CONNECTIONS threads, each sending its next request when the last one answered (keep-alive).
 *
 *   HttpLoad ping   URL CONNECTIONS SECONDS                   GET URL for SECONDS
 *   HttpLoad intake URL CONNECTIONS COUNT API_KEY RECEIVED_AT [TYPE] [SUBJECT_PREFIX]
 *                                                            exactly COUNT staff DSARs (POST URL), then stops
 *
 * Prints one line: {@code <requests> <seconds> <req/s> <p50 ms> <p99 ms> <max ms> <non-2xx>}. An intake's subjects are
 * {@code <SUBJECT_PREFIX, default bench>-<n>}; every request is of TYPE (default ACCESS) under California's CCPA received at RECEIVED_AT, identity
 * attested by the caller, so all of them share one due instant.
 */
public final class HttpLoad {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI url = URI.create(args[1]);
        int connections = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger issued = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        long deadline;
        int count;
        String key;
        String receivedAt;
        String type = args.length > 6 ? args[6] : "ACCESS";
        String prefix = args.length > 7 ? args[7] : "bench";
        if (mode.equals("ping")) {
            deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
            count = Integer.MAX_VALUE;
            key = null;
            receivedAt = null;
        } else {
            deadline = Long.MAX_VALUE;
            count = Integer.parseInt(args[3]);
            key = args[4];
            receivedAt = args[5];
        }
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        int[] done = new int[connections];
        long started = System.nanoTime();
        for (int w = 0; w < connections; w++) {
            long[] mine = new long[mode.equals("ping") ? 500_000 : count];
            latencies.add(mine);
            int worker = w;
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < deadline) {
                    int i = issued.incrementAndGet();
                    if (i > count) {
                        break;
                    }
                    HttpRequest request = key == null
                            ? HttpRequest.newBuilder(url).GET().build()
                            : HttpRequest.newBuilder(url).header("Authorization", "Bearer " + key)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"" + type + "\",\"jurisdiction\":\"US_CA_CCPA\",\"identity\":\"VERIFIED\","
                                            + "\"subject\":\"" + prefix + "-" + i + "\",\"receivedAt\":\"" + receivedAt + "\"}"))
                                    .build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() / 100 != 2) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - t0;
                    }
                }
                done[worker] = n;
            }, "load-" + w);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int total = Arrays.stream(done).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < connections; w++) {
            System.arraycopy(latencies.get(w), 0, all, at, done[w]);
            at += done[w];
        }
        Arrays.sort(all);
        System.out.printf("%d %.2f %.1f %.2f %.2f %.2f %d%n", total, seconds, total / seconds,
                ms(all, 0.50), ms(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, failures.get());
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
