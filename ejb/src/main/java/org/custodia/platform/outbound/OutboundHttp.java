package org.custodia.platform.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Server-side HTTP to URLs that tenants influence, through the {@link OutboundUrlGuard}: the guard's
 * checked address is the only one the connection may use (Apache HttpClient asks our resolver, which
 * answers that address and nothing else), while the request keeps the URL's name for Host, SNI and the
 * certificate check. No redirects, no retries, no proxy from system properties, connect and read
 * timeouts, an overall deadline (the exchange is cancelled when it passes) and a response size cap.
 */
public final class OutboundHttp {

    /** A response: status, content type (or null) and body. */
    public record Response(int status, String contentType, byte[] body) {

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static final int TIMEOUT_MS = 5_000;
    static final long DEADLINE_MS = 15_000;
    static final int MAX_BYTES = 1024 * 1024;
    /** One daemon thread that cancels exchanges past their deadline (it only flips a flag and closes a socket). */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbound-http-deadlines");
        t.setDaemon(true);
        return t;
    });

    private final OutboundUrlGuard guard;

    private final long deadlineMs;

    public OutboundHttp(OutboundUrlGuard guard) {
        this(guard, DEADLINE_MS);
    }

    OutboundHttp(OutboundUrlGuard guard, long deadlineMs) {
        this.guard = guard;
        this.deadlineMs = deadlineMs;
    }

    public static OutboundHttp fromSettings() {
        return new OutboundHttp(OutboundUrlGuard.fromSettings());
    }

    public OutboundUrlGuard guard() {
        return guard;
    }

    public Response get(URI url, String accept) throws RefusedUrl {
        HttpGet get = new HttpGet(url);
        get.setHeader("Accept", accept);
        return send(get, url);
    }

    public Response post(URI url, Map<String, List<String>> headers, String contentType, byte[] body) throws RefusedUrl {
        HttpPost post = new HttpPost(url);
        headers.forEach((name, values) -> {
            if (!"content-type".equalsIgnoreCase(name) && !"content-length".equalsIgnoreCase(name) && !"host".equalsIgnoreCase(name)) {
                values.forEach(v -> post.addHeader(name, v));
            }
        });
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        return send(post, url);
    }

    private Response send(HttpUriRequestBase request, URI url) throws RefusedUrl {
        OutboundUrlGuard.Target target = guard.check(url);
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return new InetAddress[] {target.address()};
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) {
                return List.of(new InetSocketAddress(target.address(), port));
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout timeout = Timeout.ofMilliseconds(TIMEOUT_MS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
        // the timeouts above bound each read; this bounds the whole exchange (a peer trickling bytes included)
        ScheduledFuture<?> cutOff = DEADLINES.schedule(request::cancel, deadlineMs, TimeUnit.MILLISECONDS);
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(pinned)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableAuthCaching()
                .disableContentCompression()
                .build()) {
            return client.execute(request, response -> {
                Header type = response.getFirstHeader("Content-Type");
                byte[] body = response.getEntity() == null ? new byte[0] : read(response.getEntity().getContent(), deadline, deadlineMs);
                return new Response(response.getCode(), type == null ? null : type.getValue(), body);
            });
        } catch (RefusedUrl e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RefusedUrl(target.host() + ":" + target.port() + (request.isCancelled() ? " took longer than " + deadlineMs + " ms"
                    : " failed: " + e), e);
        } finally {
            cutOff.cancel(false);
        }
    }

    private static byte[] read(InputStream in, long deadline, long deadlineMs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (out.size() + n > MAX_BYTES) {
                throw new RefusedUrl("the response is larger than " + MAX_BYTES + " bytes");
            }
            if (System.nanoTime() > deadline) {
                throw new RefusedUrl("the response took longer than " + deadlineMs + " ms");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
