package org.custodia.reports.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/** Asks an RFC 3161 time-stamp authority to time-stamp a SHA-256 digest (PAdES B-T). */
public final class TimestampAuthorityClient {

    /** POSTs a time-stamp query and returns the body of a 200 answer; the server passes one that guards the URL. */
    @FunctionalInterface
    public interface Transport {
        byte[] post(URI url, String contentType, byte[] body) throws IOException;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI url;
    private final Transport transport;

    /** With a plain JDK client: for a URL the caller trusts (tests, tools). */
    public TimestampAuthorityClient(URI url) {
        this(url, TimestampAuthorityClient::plainPost);
    }

    public TimestampAuthorityClient(URI url, Transport transport) {
        this.url = url;
        this.transport = transport;
    }

    public TimeStampToken timestamp(byte[] data) throws IOException, GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        BigInteger nonce = new BigInteger(64, new SecureRandom());
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, digest, nonce);
        try {
            byte[] reply = transport.post(url, "application/timestamp-query", request.getEncoded());
            TimeStampResponse response = new TimeStampResponse(reply);
            response.validate(request); // status granted, same imprint and nonce
            if (response.getTimeStampToken() == null) {
                throw new IOException("the time-stamp authority refused: " + response.getStatusString());
            }
            return response.getTimeStampToken();
        } catch (TSPException e) {
            throw new GeneralSecurityException("invalid time-stamp response", e);
        }
    }

    private static byte[] plainPost(URI url, String contentType, byte[] body) throws IOException {
        HttpRequest http = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<byte[]> reply = HTTP.send(http, HttpResponse.BodyHandlers.ofByteArray());
            if (reply.statusCode() != 200) {
                throw new IOException("the time-stamp authority answered HTTP " + reply.statusCode());
            }
            return reply.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the time-stamp authority", e);
        }
    }
}
