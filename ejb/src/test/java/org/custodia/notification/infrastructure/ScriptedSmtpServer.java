package org.custodia.notification.infrastructure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that takes messages like any other, except that after the body of message number
 * {@code dropAfterBody} it closes the connection without its reply: the client cannot know whether it was taken.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final int dropAfterBody;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final Thread acceptor;

    ScriptedSmtpServer(int dropAfterBody) throws IOException {
        this.dropAfterBody = dropAfterBody;
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Message bodies received in full, whether answered or not. */
    int messages() {
        return messages.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                converse(client);
            } catch (IOException | UncheckedIOException e) {
                // closed: the test is over, or the client went away
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 scripted ESMTP");
        for (String line; (line = in.readLine()) != null; ) {
            String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO", "MAIL", "RCPT", "NOOP", "RSET" -> reply(out, "250 ok");
                case "DATA" -> {
                    reply(out, "354 go on");
                    for (String body; (body = in.readLine()) != null && !body.equals("."); ) {
                        // the message: read and dropped
                    }
                    if (messages.incrementAndGet() == dropAfterBody) {
                        return; // closes without a reply
                    }
                    reply(out, "250 taken");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not here");
            }
        }
    }

    private static void reply(OutputStream out, String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
