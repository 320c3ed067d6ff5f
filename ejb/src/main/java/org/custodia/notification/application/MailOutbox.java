package org.custodia.notification.application;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.custodia.crypto.application.SealedSecrets;
import org.custodia.notification.domain.MailModel;
import org.custodia.notification.domain.MailRetryPolicy;
import org.custodia.notification.domain.MailTenant;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.RenderedMail;
import org.custodia.notification.infrastructure.MailOutboxRepository;
import org.custodia.notification.infrastructure.MailSettingsRepository;
import org.custodia.notification.infrastructure.SmtpConnections;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.Tenants;
import org.custodia.tenancy.domain.Tenant;
import org.jboss.logging.Logger;

/**
 * Mail written in the same transaction as the change that causes it (an invitation, a reset link), so
 * neither exists without the other. It is sent right after commit, the mails of one transaction together (one
 * delivery transaction, kept SMTP connections: {@link SmtpConnections}); when SMTP is down,
 * {@link MailSchedule} retries with back-off ({@link MailRetryPolicy}). Recipient and bodies are sealed at rest:
 * they hold addresses and single-use links. Templated mail ({@link MailTemplates}) goes out as
 * multipart/alternative, plain text first and HTML second; older callers queue plain text alone.
 */
@Stateless
@TenantScoped
public class MailOutbox {

    @Inject
    MailServerReachability reachability;

    private static final Logger LOG = Logger.getLogger(MailOutbox.class);
    static final String SEAL_PURPOSE = "mail";
    /** The transaction's resource listing the mail it queued for a tenant, delivered together after its commit. */
    private static final String QUEUED_IN_TRANSACTION = MailOutbox.class.getName() + ".queued.";
    static final int DUE_PER_ROUND = 100;
    /**
     * Most mails sent in one delivery transaction: they are marked sent at its commit, so a crash mid-way sends
     * those before it again; the bound keeps that few.
     */
    static final int PER_DELIVERY = 20;
    /**
     * No new mail is taken up in a delivery after this long: its mails count as sent only at its commit, so a
     * delivery outliving the transaction timeout (300 s) would roll back and send them all again.
     */
    static final Duration DELIVERY_BUDGET = Duration.ofSeconds(60);
    static final int FORGET_PER_ROUND = 5_000;
    /**
     * Named, so Jakarta Mail does not write every text through an ASCII check to choose one (8.5 % of the CPU of a
     * window of 10,000 warnings, bench/README.md); quoted-printable suits any UTF-8 text and every mail server.
     */
    private static final String TRANSFER_ENCODING = "Content-Transfer-Encoding";
    private static final String QUOTED_PRINTABLE = "quoted-printable";

    @Inject
    MailOutboxRepository outbox;

    @Inject
    SealedSecrets sealed;

    @Inject
    AfterCommit afterCommit;

    /** Threads of mail's own (CUSTODIA_MAIL_THREADS, server configuration). */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/custodia-mail")
    ManagedExecutorService executor;

    @Resource(lookup = "java:jboss/mail/Custodia")
    Session mail;

    @Inject
    SmtpConnections connections;

    @Inject
    MailTemplates templates;

    @Inject
    Tenants tenants;

    @Inject
    MailSettingsRepository settings;

    @Inject
    MailOutbox self; // through the container, so delivery gets its own transaction

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /** Queues a plain-text message in the caller's transaction (already bound to the tenant: binding is then free). */
    public void enqueue(@TenantId UUID tenantId, String recipient, String subject, String body) {
        queue(tenantId, recipient, subject, body, null);
    }

    /** Queues a rendered mail (text and HTML) in the caller's transaction. */
    public void enqueue(@TenantId UUID tenantId, String recipient, RenderedMail mail) {
        queue(tenantId, recipient, mail.subject(), mail.text(), mail.html());
    }

    /**
     * Renders a mail of {@code type} from the tenant's templates (its overrides, else the shipped ones) and queues
     * it in the caller's transaction. {@code language}: the reader's (an ISO 639 code; null when unknown), then the
     * tenant's default ({@link MailSettings}), then English; {@code zone}: the tenant's, which dates are shown in.
     */
    public RenderedMail enqueue(@TenantId UUID tenantId, String recipient, MailType type, MailModel model, String language, ZoneId zone) {
        Tenant tenant = tenants.of(tenantId);
        RenderedMail mail = templates.render(mailTenant(tenantId, tenant, zone), type, model, language);
        enqueue(tenantId, recipient, mail);
        return mail;
    }

    /**
     * Like {@link #enqueue(UUID, String, MailType, MailModel, String, ZoneId)} to each of {@code recipients} (one
     * rendering for all: the same text in the same language), for a mail that must not decide its caller's
     * transaction (an SLA breach flags the request whether or not its mail can be written): a mail that cannot be
     * rendered is logged by type, never by address, and left out (empty). It is caught here, inside this bean,
     * because a runtime exception leaving an EJB marks the caller's transaction for rollback.
     */
    public Optional<RenderedMail> enqueueIfRenderable(@TenantId UUID tenantId, List<String> recipients, MailType type,
                                                      MailModel model, String language, ZoneId zone) {
        Tenant tenant = tenants.of(tenantId);
        RenderedMail rendered;
        try {
            rendered = templates.render(mailTenant(tenantId, tenant, zone), type, model, language);
        } catch (RuntimeException e) {
            LOG.errorf("tenant %s: a %s mail could not be rendered (%s); it is not sent", tenantId, type, e.getClass().getSimpleName());
            return Optional.empty();
        }
        for (String recipient : recipients) {
            enqueue(tenantId, recipient, rendered);
        }
        return Optional.of(rendered);
    }

    private void queue(UUID tenantId, String recipient, String subject, String body, String html) {
        UUID id = UUID.randomUUID();
        outbox.add(id, tenantId, sealed.sealText(tenantId, SEAL_PURPOSE, recipient), subject,
                sealed.sealText(tenantId, SEAL_PURPOSE, body), html == null ? null : sealed.sealText(tenantId, SEAL_PURPOSE, html),
                StoredTime.now());
        String key = QUEUED_IN_TRANSACTION + tenantId;
        @SuppressWarnings("unchecked")
        List<UUID> queued = (List<UUID>) transactions.getResource(key);
        if (queued != null && queued.size() < PER_DELIVERY) {
            queued.add(id); // sent with the transaction's first mails, after the commit
            return;
        }
        List<UUID> first = new ArrayList<>(List.of(id));
        transactions.putResource(key, first);
        afterCommit.run(() -> executor.execute(() -> {
            try {
                self.deliver(tenantId, first);
            } catch (RuntimeException e) {
                LOG.warnf("%d mail(s) not sent yet (%s); they will be retried", first.size(), e.getClass().getSimpleName());
            }
        }));
    }

    /** What a delivery did: how many mails left, and whether it stopped because the server or connection failed. */
    public record Delivery(int sent, boolean serverFailed) {
    }

    /**
     * Sends those of {@code ids} (at most {@value #PER_DELIVERY}) still unsent, in one transaction (the mails one
     * change queued: one lock, one update, one commit). A mail one recipient's server refuses is recorded as failed
     * and the rest go on; a failure of the server or connection is recorded on that mail and ends the delivery, the
     * rest left due for the retry round (each would wait for the same timeouts). Failed mail is retried later.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Delivery deliver(@TenantId UUID tenantId, List<UUID> ids) {
        if (ids.size() > PER_DELIVERY) {
            throw new IllegalArgumentException("at most " + PER_DELIVERY + " mails per delivery, not " + ids.size());
        }
        long until = System.nanoTime() + DELIVERY_BUDGET.toNanos();
        List<UUID> sent = new ArrayList<>(ids.size());
        boolean serverFailed = false;
        for (MailOutboxRepository.QueuedMail queued : outbox.lockUnsent(ids)) { // sent already, or being sent: skipped
            if (System.nanoTime() - until > 0) {
                break; // a slow server: what is left stays due, and the transaction commits well within its timeout
            }
            MimeMessage message;
            try {
                message = message(tenantId, queued);
            } catch (MessagingException | RuntimeException e) { // this mail's own fault (an address no server takes)
                failed(queued, e);
                continue;
            }
            try {
                connections.send(message);
                sent.add(queued.id());
            } catch (MessagingException | RuntimeException e) {
                failed(queued, e);
                if (SmtpConnections.serverLevel(e)) {
                    serverFailed = true;
                    break;
                }
            }
        }
        if (!sent.isEmpty()) {
            outbox.markSent(sent, StoredTime.now());
            reachability.sent();
        }
        if (serverFailed) {
            reachability.serverFailed(StoredTime.now());
        }
        return new Delivery(sent.size(), serverFailed);
    }

    /** Records a failed attempt; the error names its kind, never the address. */
    private void failed(MailOutboxRepository.QueuedMail queued, Exception e) {
        int attempts = queued.attempts() + 1;
        outbox.markFailed(queued.id(), attempts, e.getClass().getSimpleName(), MailRetryPolicy.nextTry(attempts, StoredTime.now()));
        LOG.warnf("mail %s attempt %d failed: %s", queued.id(), attempts, e.getClass().getSimpleName());
    }

    private MimeMessage message(UUID tenantId, MailOutboxRepository.QueuedMail queued) throws MessagingException {
        MimeMessage message = new MimeMessage(mail);
        message.setFrom();
        message.setRecipient(Message.RecipientType.TO,
                new InternetAddress(sealed.sealedText(queued.recipientSealed(), tenantId, SEAL_PURPOSE)));
        message.setSubject(queued.subject(), "UTF-8");
        String text = sealed.sealedText(queued.bodySealed(), tenantId, SEAL_PURPOSE);
        if (queued.htmlSealed() == null) {
            message.setText(text, "UTF-8");
            message.setHeader(TRANSFER_ENCODING, QUOTED_PRINTABLE);
        } else {
            message.setContent(alternatives(text, sealed.sealedText(queued.htmlSealed(), tenantId, SEAL_PURPOSE)));
        }
        return message;
    }

    /** The tenant as its mail needs it: slug for its override templates, default language, zone for dates. */
    private MailTenant mailTenant(UUID tenantId, Tenant tenant, ZoneId zone) {
        return new MailTenant(tenantId, tenant.slug(), settings.defaultLanguage(tenantId).orElse(null), zone);
    }

    /** Plain text first, HTML last: a reader shows the last alternative it can (RFC 2046, 5.1.4). */
    private static MimeMultipart alternatives(String text, String html) throws MessagingException {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        plain.setHeader(TRANSFER_ENCODING, QUOTED_PRINTABLE);
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        rich.setHeader(TRANSFER_ENCODING, QUOTED_PRINTABLE);
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(plain);
        alternatives.addBodyPart(rich);
        return alternatives;
    }

    /**
     * Forgets the address and text of the tenant's mail sent more than {@code keep} ago, or given up on and queued
     * more than {@code keep} ago (at most {@value #FORGET_PER_ROUND} a round): they may carry links, which are
     * secrets; subject and times stay.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int forgetSent(@TenantId UUID tenantId, Duration keep) {
        return outbox.forgetSent(StoredTime.now().minus(keep), FORGET_PER_ROUND);
    }

    /** The tenant's queued mail due for another try (at most {@value #DUE_PER_ROUND}). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<UUID> due(@TenantId UUID tenantId) {
        return outbox.due(DUE_PER_ROUND);
    }
}
