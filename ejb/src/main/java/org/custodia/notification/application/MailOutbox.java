package org.custodia.notification.application;

import java.util.List;
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
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.crypto.application.SealedSecrets;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.jboss.logging.Logger;

/**
 * Mail written in the same transaction as the change that causes it (an invitation, a reset link), so
 * neither exists without the other. It is sent right after commit; when SMTP is down,
 * {@link MailSchedule} retries with back-off. Recipient and body are sealed at rest: they hold
 * addresses and single-use links.
 */
@Stateless
public class MailOutbox {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class);
    static final String SEAL_PURPOSE = "mail";
    static final int MAX_ATTEMPTS = 20;

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    SealedSecrets sealed;

    @Inject
    AfterCommit afterCommit;

    @Resource
    ManagedExecutorService executor;

    @Resource(lookup = "java:jboss/mail/Custodia")
    Session mail;

    @Inject
    MailOutbox self; // through the container, so delivery gets its own transaction

    /** Queues a plain-text message in the caller's transaction (tenant already bound). */
    public void enqueue(UUID tenantId, String recipient, String subject, String body) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into app.mail_outbox (id, tenant_id, recipient, subject, body, created_at, next_try_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?6)")
                .setParameter(1, id).setParameter(2, tenantId)
                .setParameter(3, sealed.sealText(tenantId, SEAL_PURPOSE, recipient))
                .setParameter(4, subject)
                .setParameter(5, sealed.sealText(tenantId, SEAL_PURPOSE, body))
                .setParameter(6, NativeValues.at(StoredTime.now()))
                .executeUpdate();
        afterCommit.run(() -> executor.execute(() -> {
            try {
                self.deliver(tenantId, id);
            } catch (RuntimeException e) {
                LOG.warnf("mail %s not sent yet (%s); it will be retried", id, e.getClass().getSimpleName());
            }
        }));
    }

    /** Sends one queued message if still unsent; a failure is recorded and retried later. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean deliver(UUID tenantId, UUID id) {
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select recipient, subject, body, attempts from app.mail_outbox "
                + "where id = ?1 and sent_at is null for update skip locked").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return false; // sent already, or another thread is sending it
        }
        Object[] row = rows.get(0);
        try {
            MimeMessage message = new MimeMessage(mail);
            message.setFrom();
            message.setRecipient(Message.RecipientType.TO,
                    new InternetAddress(sealed.sealedText((byte[]) row[0], tenantId, SEAL_PURPOSE)));
            message.setSubject((String) row[1], "UTF-8");
            message.setText(sealed.sealedText((byte[]) row[2], tenantId, SEAL_PURPOSE), "UTF-8");
            Transport.send(message);
            em.createNativeQuery("update app.mail_outbox set sent_at = ?1, attempts = attempts + 1 where id = ?2")
                    .setParameter(1, NativeValues.at(StoredTime.now())).setParameter(2, id).executeUpdate();
            return true;
        } catch (MessagingException | RuntimeException e) {
            int attempts = ((Number) row[3]).intValue() + 1;
            // exponential back-off from 30 s, at most an hour; the error names its kind, never the address
            long delaySeconds = Math.min(3600, 30L << Math.min(attempts - 1, 7));
            em.createNativeQuery("update app.mail_outbox set attempts = ?1, last_error = ?2, next_try_at = ?3 where id = ?4")
                    .setParameter(1, attempts)
                    .setParameter(2, e.getClass().getSimpleName())
                    .setParameter(3, NativeValues.at(attempts >= MAX_ATTEMPTS ? java.time.Instant.parse("9999-01-01T00:00:00Z")
                            : StoredTime.now().plusSeconds(delaySeconds)))
                    .setParameter(4, id).executeUpdate();
            LOG.warnf("mail %s attempt %d failed: %s", id, attempts, e.getClass().getSimpleName());
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<UUID> due(UUID tenantId) {
        tenantSession.bind(tenantId);
        return em.createNativeQuery("select id from app.mail_outbox where sent_at is null and next_try_at <= now() "
                + "order by next_try_at limit 100").getResultList();
    }
}
