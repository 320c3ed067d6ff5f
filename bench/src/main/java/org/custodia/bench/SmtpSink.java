package org.custodia.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal SMTP server for the DSAR timer benchmark: accepts every message on 127.0.0.1 and appends one line per
 * message to a file, {@code <epoch millis at the end of DATA> TAB <Subject header>}, so the report can compare the
 * moment a mail reached "the mail server" with the moment its warning fell due. It keeps no message; it speaks just
 * enough ESMTP for Jakarta Mail (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), one thread per connection.
 *
 *   SmtpSink PORT FILE
 */
public final class SmtpSink {

    private final BufferedWriter received;

    private SmtpSink(BufferedWriter received) {
        this.received = received;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        SmtpSink sink = new SmtpSink(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8));
        try (ServerSocket server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress())) {
            System.out.println("smtp sink listening on 127.0.0.1:" + port);
            while (true) {
                Socket client = server.accept();
                Thread t = new Thread(() -> sink.serve(client), "smtp-" + client.getPort());
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private void serve(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 bench-sink ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-bench-sink\r\n250 8BITMIME");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String subject = readMessage(in);
                        record(System.currentTimeMillis(), subject);
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok"); // HELO, MAIL, RCPT, RSET, NOOP
                }
            }
        } catch (IOException e) {
            System.err.println("smtp sink: connection ended: " + e.getMessage());
        }
    }

    /** Reads the message up to the lone dot; returns its Subject header (unfolded), or "" without one. */
    private static String readMessage(BufferedReader in) throws IOException {
        StringBuilder subject = null;
        boolean inHeaders = true;
        boolean inSubject = false;
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            if (!inHeaders) {
                continue;
            }
            if (line.isEmpty()) {
                inHeaders = false;
            } else if (inSubject && (line.startsWith(" ") || line.startsWith("\t"))) {
                subject.append(' ').append(line.strip());
            } else {
                inSubject = line.regionMatches(true, 0, "Subject:", 0, 8);
                if (inSubject) {
                    subject = new StringBuilder(line.substring(8).strip());
                }
            }
        }
        return subject == null ? "" : subject.toString();
    }

    private synchronized void record(long at, String subject) throws IOException {
        received.write(at + "\t" + subject.replace('\t', ' '));
        received.newLine();
        received.flush();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
