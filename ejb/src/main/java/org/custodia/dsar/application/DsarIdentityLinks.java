package org.custodia.dsar.application;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.EmailConfirmation;
import org.custodia.dsar.domain.EmailConfirmation.State;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.dsar.infrastructure.IdentityTokenRepository;
import org.custodia.identity.domain.SingleUseToken;
import org.custodia.kernel.OpaqueToken;
import org.custodia.notification.application.MailOutbox;
import org.custodia.notification.domain.IdentityVerificationLink;
import org.custodia.notification.domain.MailType;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.Tenants;

/**
 * The subject's email confirmation link: issued when the request starts waiting for it (so the mail never arrives
 * before the process can take the confirmation), single use, expiring with the request's {@code identityExpiresAt},
 * stored as its SHA-256 only. Looking at a link changes nothing (mail scanners open links); redeeming it records
 * when the identity was confirmed and moves the process on. Every redemption, refused or not, is audited with
 * the request id and the outcome only.
 */
@Stateless
@TenantScoped
public class DsarIdentityLinks {

    public static final String TOKEN_PREFIX = "dsv_";
    static final String ACTOR = "email-confirmation";

    /** What a link's holder may learn: its state, who asked, until when. */
    public record Preview(State state, String organisation, Instant expiresAt) {
    }

    @Inject
    IdentityTokenRepository tokens;

    @Inject
    DsarRepository requests;

    @Inject
    DsarContacts contacts;

    @Inject
    DsarProgress progress;

    @Inject
    MailOutbox mail;

    @Inject
    Tenants tenants;

    @Inject
    CalendarSettings calendars;

    @Inject
    AuditTrail audit;

    /** Issues the link of a request waiting for its email confirmation and queues the mail to the subject. */
    public void issue(@TenantId UUID tenantId, UUID dsarId, String processInstanceId) {
        DsarRequest request = requests.find(dsarId).orElseThrow(() -> new IllegalStateException("DSAR " + dsarId + " not visible"));
        SubjectContact contact = contacts.of(tenantId, dsarId).filter(c -> c.email() != null)
                .orElseThrow(() -> new IllegalStateException("DSAR " + dsarId + " waits for an email confirmation but has no address"));
        Instant now = StoredTime.now();
        Instant expiresAt = request.identityExpiresAt();
        String token = OpaqueToken.generate(TOKEN_PREFIX);
        tokens.add(OpaqueToken.hashOf(token), tenantId, dsarId, now, expiresAt);
        ZoneId zone = calendars.of(tenantId).timeZone();
        mail.enqueue(tenantId, contact.email(), MailType.IDENTITY_VERIFICATION,
                new IdentityVerificationLink(tenants.of(tenantId).name(), link(token), expiresAt), contact.language(), zone);
        audit.append(Actor.system(tenantId, "dsar-process", processInstanceId), "dsar.identity.link_sent", "dsar",
                dsarId.toString(), Map.of("expiresAt", expiresAt.toString()));
    }

    /** The state of a link, read without changing it. */
    public Optional<Preview> look(@TenantId UUID tenantId, String tokenHash) {
        return tokens.find(tokenHash).map(t -> {
            DsarRequest request = requests.find(t.dsarId()).orElseThrow();
            return new Preview(state(t.state(), request, StoredTime.now()), tenants.of(tenantId).name(), t.state().expiresAt());
        });
    }

    /** Redeems a link; the outcome is audited either way and {@link State#VALID} means confirmed now. */
    public State redeem(@TenantId UUID tenantId, String tokenHash, String requestId) {
        IdentityTokenRepository.StoredToken token = tokens.lock(tokenHash)
                .orElseThrow(() -> new IllegalStateException("an identity token vanished after it was resolved"));
        DsarRequest request = requests.findForUpdate(token.dsarId()).orElseThrow();
        Instant now = StoredTime.now();
        State state = state(token.state(), request, now);
        Actor actor = Actor.system(tenantId, ACTOR, requestId);
        if (state != State.VALID) {
            audit.append(actor, "dsar.identity.link_refused", "dsar", request.id().toString(), Map.of("reason", state.name()));
            return state;
        }
        tokens.markUsed(tokenHash, now);
        request.identityConfirmed(now);
        progress.confirmEmail(tenantId, request.id()); // audits dsar.identity.confirmed and moves the process on
        return State.VALID;
    }

    private static State state(SingleUseToken token, DsarRequest request, Instant now) {
        return EmailConfirmation.state(token, request.identityCheck(), request.status(), now);
    }

    private static URI link(String token) {
        return URI.create(PublicUrl.base() + "/api/v1/public/dsars/confirm?token=" + token);
    }
}
