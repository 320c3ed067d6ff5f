package org.custodia.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * A real SMTP server (GreenMail) for the whole integration-test run, on the port the server under test
 * sends to ({@code custodia.it.smtp.port}). Tests read what arrived for an address.
 */
public class TestMailServer implements LauncherSessionListener {

    private static GreenMail greenMail;
    private static final Pattern TOKEN = Pattern.compile("(cus_t_[A-Za-z0-9_-]{43})");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("custodia.it.smtp.port");
        if (port == null) {
            return; // not the integration-test run
        }
        greenMail = new GreenMail(new ServerSetup(Integer.parseInt(port), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    public static GreenMail server() {
        if (greenMail == null) {
            throw new IllegalStateException("GreenMail is not running; run through Maven (mvn verify)");
        }
        return greenMail;
    }

    /** Messages delivered to {@code address} so far. */
    public static List<MimeMessage> to(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : server().getReceivedMessages()) {
            try {
                for (var r : m.getRecipients(Message.RecipientType.TO)) {
                    if (r.toString().equalsIgnoreCase(address)) {
                        found.add(m);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Waits until {@code count} messages reached the address; returns the newest. */
    public static MimeMessage awaitMessage(String address, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> messages = to(address);
            if (messages.size() >= count) {
                return messages.get(messages.size() - 1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail #" + count + " for " + address + " within " + timeout);
    }

    /** The single-use token in a message's body. */
    public static String tokenIn(MimeMessage message) {
        String body = text(message);
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no token in: " + body);
        }
        return m.group(1);
    }

    /** The plain text of a message: its body, or the text/plain part of a multipart/alternative one. */
    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    /** The HTML part of a multipart/alternative message. */
    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) {
        try {
            Object content = message.getContent(); // decoded (quoted-printable, charset)
            if (content instanceof String body && message.isMimeType(type)) {
                return body;
            }
            if (content instanceof jakarta.mail.Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    if (parts.getBodyPart(i).isMimeType(type)) {
                        return (String) parts.getBodyPart(i).getContent();
                    }
                }
            }
            throw new AssertionError("no " + type + " in a message of " + message.getContentType());
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
