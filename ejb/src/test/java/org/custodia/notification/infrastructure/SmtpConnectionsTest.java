package org.custodia.notification.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kept SMTP connections against a real SMTP server (GreenMail), restarted and stopped under them. */
class SmtpConnectionsTest {

    private GreenMail server;
    private Session session;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private SmtpConnections connections;

    @BeforeEach
    void start() {
        server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        session = session(server.getSmtp().getPort());
        connections = new SmtpConnections(session, now::get);
    }

    private static Session session(int port) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.from", "custodia@test.example");
        return Session.getInstance(p);
    }


    @AfterEach
    void stop() {
        connections.closeAll();
        server.stop();
    }

    @Test
    void messagesInARowShareOneConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            connections.send(message("one " + i));
        }
        assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("one 0", "one 1", "one 2");
        assertThat(connections.kept()).as("a new connection per message would keep three").isEqualTo(1);
    }

    @Test
    void aConnectionIsClosedAfterItsLastAllowedMessage() throws Exception {
        for (int i = 0; i < SmtpConnections.MAX_MESSAGES - 1; i++) {
            connections.send(message("m" + i));
        }
        assertThat(connections.kept()).isEqualTo(1);
        connections.send(message("last"));
        assertThat(connections.kept()).isZero();
        connections.send(message("next"));
        assertThat(server.getReceivedMessages()).hasSize(SmtpConnections.MAX_MESSAGES + 1);
        assertThat(connections.kept()).isEqualTo(1);
    }

    @Test
    void aKeptConnectionTheServerClosedCostsNoMessage() throws Exception {
        connections.send(message("before"));
        int port = server.getSmtp().getPort();
        server.stop(); // closes the kept connection from the server's side
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        now.addAndGet(SmtpConnections.CHECK_AFTER_IDLE_NANOS); // a restart takes a while: the kept one is checked first
        connections.send(message("after a restart"));
        assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("after a restart");
        assertThat(connections.kept()).isEqualTo(1);
    }

    @Test
    void aConnectionThatBreaksAfterTheMessageWasSentIsNotTriedAgain() throws Exception {
        try (ScriptedSmtpServer scripted = new ScriptedSmtpServer(ScriptedSmtpServer.Fault.CLOSE_AFTER_BODY, 2)) {
            connections = new SmtpConnections(session(scripted.port()), now::get);
            connections.send(message("first"));
            MessagingException failure = catchThrowableOfType(MessagingException.class, () -> connections.send(message("second")));
            assertThat(failure).as("the server may have taken it: no second copy").isNotNull();
            assertThat(scripted.messages()).isEqualTo(2);
            assertThat(scripted.connections()).as("no new connection for a resend").isEqualTo(1);
            assertThat(connections.kept()).isZero();
            assertThat(SmtpConnections.refusedAtMailFrom(failure)).isFalse();
        }
    }

    @Test
    void aKeptConnectionTheServerHangsUpAtMailFromCarriesTheMessageOnANewOne() throws Exception {
        try (ScriptedSmtpServer scripted = new ScriptedSmtpServer(ScriptedSmtpServer.Fault.CLOSE_AT_MAIL_FROM, 2)) {
            connections = new SmtpConnections(session(scripted.port()), now::get);
            connections.send(message("first"));
            connections.send(message("second")); // reused at once (no NOOP check): refused at its first command
            assertThat(scripted.messages()).isEqualTo(2);
            assertThat(scripted.connections()).isEqualTo(2);
            assertThat(connections.kept()).isEqualTo(1);
        }
    }

    @Test
    void aKeptConnectionTheServerClosesWith421AtMailFromCarriesTheMessageOnANewOne() throws Exception {
        try (ScriptedSmtpServer scripted = new ScriptedSmtpServer(ScriptedSmtpServer.Fault.CLOSING_AT_MAIL_FROM, 2)) {
            connections = new SmtpConnections(session(scripted.port()), now::get);
            connections.send(message("first"));
            connections.send(message("second"));
            assertThat(scripted.messages()).isEqualTo(2);
            assertThat(scripted.connections()).isEqualTo(2);
        }
    }

    @Test
    void a421AtMailFromOnANewConnectionIsTheServersFailure() throws Exception {
        try (ScriptedSmtpServer scripted = new ScriptedSmtpServer(ScriptedSmtpServer.Fault.CLOSING_AT_MAIL_FROM, 1)) {
            connections = new SmtpConnections(session(scripted.port()), now::get);
            MessagingException failure = catchThrowableOfType(MessagingException.class, () -> connections.send(message("first")));
            assertThat(failure).isNotNull();
            assertThat(SmtpConnections.refusedAtMailFrom(failure)).isTrue();
            assertThat(SmtpConnections.serverLevel(failure)).isTrue();
            assertThat(scripted.messages()).isZero();
        }
    }

    @Test
    void aRecipientTheServerRefusesIsThatMailsFailureOnly() throws Exception {
        try (ScriptedSmtpServer scripted = new ScriptedSmtpServer(ScriptedSmtpServer.Fault.NO_SUCH_USER, 1)) {
            connections = new SmtpConnections(session(scripted.port()), now::get);
            MessagingException failure = catchThrowableOfType(MessagingException.class, () -> connections.send(message("first")));
            assertThat(failure).isInstanceOf(SendFailedException.class);
            assertThat(SmtpConnections.serverLevel(failure)).isFalse();
            assertThat(SmtpConnections.serverLevel(new IllegalStateException("a bug"))).isFalse();
            connections.send(message("second"));
            assertThat(scripted.messages()).isEqualTo(1);
        }
    }

    @Test
    void connectingAndWaitingForRepliesHaveTimeLimitsUnlessConfigured() {
        assertThat(session.getProperty("mail.smtp.timeout")).isEqualTo(SmtpConnections.TIMEOUTS.get("mail.smtp.timeout"));
        assertThat(session.getProperty("mail.smtp.connectiontimeout")).isNotBlank();
        assertThat(session.getProperty("mail.smtp.quitwait")).isEqualTo("false");
        Session configured = session(server.getSmtp().getPort());
        configured.getProperties().put("mail.smtp.timeout", "5000");
        new SmtpConnections(configured, now::get);
        assertThat(configured.getProperty("mail.smtp.timeout")).isEqualTo("5000");
    }

    @Test
    void aServerThatIsDownFailsTheSendAndKeepsNothing() throws Exception {
        connections.send(message("before"));
        server.stop();
        assertThatThrownBy(() -> connections.send(message("lost?"))).isInstanceOf(MessagingException.class);
        assertThat(connections.kept()).isZero();
    }

    @Test
    void idleConnectionsAreClosedByTheRoundAndNeverReused() throws Exception {
        connections.send(message("a"));
        now.addAndGet(SmtpConnections.MAX_IDLE_NANOS - 1);
        connections.closeIdle();
        assertThat(connections.kept()).as("not idle long enough yet").isEqualTo(1);
        now.addAndGet(2);
        connections.closeIdle();
        assertThat(connections.kept()).isZero();

        connections.send(message("b"));
        now.addAndGet(SmtpConnections.MAX_IDLE_NANOS + 1);
        connections.send(message("c")); // the stale one is closed on the way, a new one carries it
        assertThat(connections.kept()).isEqualTo(1);
        assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("a", "b", "c");
    }

    @Test
    void threadsSendingAtOnceEachGetTheirOwnConnection() throws Exception {
        int threads = 4;
        int each = 10;
        Thread[] senders = new Thread[threads];
        MessagingException[] failure = new MessagingException[1];
        for (int t = 0; t < threads; t++) {
            int n = t;
            senders[t] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        connections.send(message(n + "-" + i));
                    } catch (MessagingException e) {
                        failure[0] = e;
                    }
                }
            });
            senders[t].start();
        }
        for (Thread s : senders) {
            s.join();
        }
        assertThat(failure[0]).isNull();
        assertThat(server.getReceivedMessages()).hasSize(threads * each);
        assertThat(connections.kept()).isBetween(1, threads);
    }

    private MimeMessage message(String subject) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom();
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("dpo@tenant.example"));
        m.setSubject(subject, "UTF-8");
        m.setText("body of " + subject, "UTF-8");
        return m;
    }
}
