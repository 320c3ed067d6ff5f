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
 * An SMTP server that takes messages like any other, except for one fault at the {@code at}-th occurrence (counted
 * over all connections) of the step it concerns.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    enum Fault {
        /** After the message's body, the connection closes without a reply: the client cannot know if it was taken. */
        CLOSE_AFTER_BODY,
        /** At MAIL FROM the connection closes, as a server closing an idle connection would. */
        CLOSE_AT_MAIL_FROM,
        /** At MAIL FROM: "421 closing" (the server is shutting down), then the connection closes. */
        CLOSING_AT_MAIL_FROM,
        /** At RCPT TO: "550 no such user". */
        NO_SUCH_USER
    }

    private final ServerSocket socket;
    private final Fault fault;
    private final int at;
    private final AtomicInteger mailFroms = new AtomicInteger();
    private final AtomicInteger rcpts = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final Thread acceptor;

    ScriptedSmtpServer(Fault fault, int at) throws IOException {
        this.fault = fault;
        this.at = at;
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
                case "EHLO", "HELO", "NOOP", "RSET" -> reply(out, "250 ok");
                case "MAIL" -> {
                    boolean faulty = mailFroms.incrementAndGet() == at;
                    if (faulty && fault == Fault.CLOSE_AT_MAIL_FROM) {
                        return;
                    }
                    if (faulty && fault == Fault.CLOSING_AT_MAIL_FROM) {
                        reply(out, "421 closing");
                        return;
                    }
                    reply(out, "250 ok");
                }
                case "RCPT" -> reply(out, rcpts.incrementAndGet() == at && fault == Fault.NO_SUCH_USER ? "550 no such user" : "250 ok");
                case "DATA" -> {
                    reply(out, "354 go on");
                    for (String body; (body = in.readLine()) != null && !body.equals("."); ) {
                        // the message: read and dropped
                    }
                    if (messages.incrementAndGet() == at && fault == Fault.CLOSE_AFTER_BODY) {
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
