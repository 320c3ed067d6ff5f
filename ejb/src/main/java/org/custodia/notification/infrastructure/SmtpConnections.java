package org.custodia.notification.infrastructure;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.jboss.logging.Logger;

/**
 * Open SMTP connections kept between messages, so a burst of mail (10,000 deadline warnings falling due at once,
 * bench/README.md) does not open, greet and close a connection per message, on both sides. A connection serves
 * one thread at a time; it is closed after {@value #MAX_MESSAGES} messages (servers limit messages per
 * connection) or {@link #MAX_IDLE_NANOS} idle (well under the 5 minutes a server waits, RFC 5321 4.5.3.2.7).
 * A kept connection idle for {@link #CHECK_AFTER_IDLE_NANOS} or more is checked (NOOP) before it carries a message;
 * one the server closed since fails on its first command (MAIL FROM), before anything was accepted: the message then
 * goes once more on a new connection. A failure later in the exchange is never sent again here: the server may have
 * accepted the message, and a second copy is worse than a retry round later ({@code MailSchedule}).
 * Connecting and each reply have time limits ({@link #TIMEOUTS}, where the server configuration sets none), so a
 * server that stops answering holds a mail thread for seconds, not forever.
 */
@ApplicationScoped
public class SmtpConnections {

    private static final Logger LOG = Logger.getLogger(SmtpConnections.class);
    static final int MAX_MESSAGES = 50;
    static final long MAX_IDLE_NANOS = 20_000_000_000L;
    /** More than the mail threads (CUSTODIA_MAIL_THREADS): a connection beyond it is closed, not kept. */
    static final int MAX_KEPT = 32;
    static final long CHECK_AFTER_IDLE_NANOS = 1_000_000_000L;
    /**
     * Milliseconds; Jakarta Mail waits forever by default. No write timeout: Angus starts a thread per connection for
     * it. QUIT does not wait for its reply: nothing depends on it.
     */
    static final Map<String, String> TIMEOUTS = Map.of("mail.smtp.connectiontimeout", "10000", "mail.smtp.timeout", "30000",
            "mail.smtp.quitwait", "false");

    @Resource(lookup = "java:jboss/mail/Custodia")
    Session session;

    private final LongSupplier nanoTime;
    private final Deque<Kept> kept = new ConcurrentLinkedDeque<>();

    private record Kept(Transport transport, int sent, long idleSince) {
    }

    public SmtpConnections() {
        this.nanoTime = System::nanoTime;
    }

    SmtpConnections(Session session, LongSupplier nanoTime) {
        this.session = session;
        this.nanoTime = nanoTime;
        limitWaits();
    }

    /** The session's own properties, which its transports read when they connect. */
    @PostConstruct
    void limitWaits() {
        TIMEOUTS.forEach(session.getProperties()::putIfAbsent);
    }

    /** Sends {@code message} to its recipients over a kept connection, or a new one. */
    public void send(MimeMessage message) throws MessagingException {
        message.saveChanges(); // what Transport.send does first: Message-ID, MIME headers
        Kept reused = take();
        if (reused != null) {
            try {
                reused.transport().sendMessage(message, message.getAllRecipients());
                giveBack(reused.transport(), reused.sent() + 1);
                return;
            } catch (MessagingException e) {
                close(reused.transport());
                if (!refusedAtMailFrom(e)) {
                    throw e;
                }
                // most likely closed by the server while kept: once more, on a new one
                LOG.debugf("kept SMTP connection failed at MAIL FROM (%s); sending on a new one", e.getClass().getSimpleName());
            }
        }
        Transport fresh = session.getTransport();
        fresh.connect();
        try {
            fresh.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            close(fresh);
            throw e;
        }
        giveBack(fresh, 1);
    }

    /**
     * Whether the server refused or hung up at MAIL FROM, the first command of a message, so it cannot have taken
     * it. Angus Mail reports that as an {@code SMTPSendFailedException} naming the command (read reflectively: the
     * provider's classes are not the deployment's API). A failure that names no command (the connection broke
     * writing, a reply timed out) may have come after the server took the message.
     */
    static boolean refusedAtMailFrom(MessagingException e) {
        return e instanceof SendFailedException && command(e).regionMatches(true, 0, "MAIL FROM", 0, 9);
    }

    private static String command(Exception e) {
        try {
            return String.valueOf(e.getClass().getMethod("getCommand").invoke(e));
        } catch (ReflectiveOperationException | RuntimeException notThere) {
            return "";
        }
    }

    /**
     * Whether a failure is the server's or the connection's rather than one message's or recipient's, so other mail
     * would fail alike: no {@link SendFailedException} (connecting, authenticating, a broken connection, a timeout),
     * or a refusal at MAIL FROM (the server is closing, or refuses the sender every mail has).
     */
    public static boolean serverLevel(Exception e) {
        return e instanceof MessagingException m && (!(m instanceof SendFailedException) || refusedAtMailFrom(m));
    }

    /** Closes connections idle too long (the mail retry round calls it, so none outlives a quiet period). */
    public void closeIdle() {
        long now = nanoTime.getAsLong();
        List<Kept> stale = new ArrayList<>();
        for (Kept k : kept) {
            if (now - k.idleSince() > MAX_IDLE_NANOS) {
                stale.add(k);
            }
        }
        for (Kept k : stale) {
            if (kept.remove(k)) {
                close(k.transport());
            }
        }
    }

    /** How many connections are open and waiting for a message. */
    public int kept() {
        return kept.size();
    }

    @PreDestroy
    void closeAll() {
        for (Kept k; (k = kept.pollFirst()) != null; ) {
            close(k.transport());
        }
    }

    /**
     * The most recently used kept connection (the warmest), skipping and closing those idle too long; one idle a
     * while is asked whether it is still there (Angus's isConnected sends NOOP and closes it when not).
     */
    private Kept take() {
        long now = nanoTime.getAsLong();
        for (Kept k; (k = kept.pollFirst()) != null; ) {
            long idle = now - k.idleSince();
            if (idle <= MAX_IDLE_NANOS && (idle < CHECK_AFTER_IDLE_NANOS || k.transport().isConnected())) {
                return k;
            }
            close(k.transport());
        }
        return null;
    }

    private void giveBack(Transport transport, int sent) {
        if (sent >= MAX_MESSAGES || kept.size() >= MAX_KEPT) {
            close(transport);
        } else {
            kept.offerFirst(new Kept(transport, sent, nanoTime.getAsLong()));
        }
        closeIdle(); // those left at the bottom while a few busy ones were reused, even without a retry round
    }

    private static void close(Transport transport) {
        try {
            transport.close(); // QUIT, then the socket
        } catch (MessagingException e) {
            LOG.debugf("closing an SMTP connection: %s", e.getClass().getSimpleName());
        }
    }
}
