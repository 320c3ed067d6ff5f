package org.custodia.dsar.application;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.dsar.domain.DownloadLink;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.ResponsePackage;
import org.custodia.dsar.domain.ResponsePackageContent;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.dsar.infrastructure.DownloadTokenRepository;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.ResponseReady;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PrivacyCenterUrl;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.Tenants;

/**
 * The subject's download link of the response package, the same pattern as the email confirmation link
 * ({@link DsarIdentityLinks}): issued at delivery, single use, expiring after the tenant's {@code downloadLinkValidity},
 * stored as its SHA-256 only, mailed as the privacy center's download page ({@link PrivacyCenterUrl}); looking changes
 * nothing (mail scanners open links), redeeming hands out the archive once. Every redemption, refused or not, is audited with the request id and the outcome only.
 */
@Stateless
@TenantScoped
public class DsarDownloadLinks {

    public static final String TOKEN_PREFIX = "dsd_";
    static final String ACTOR = "package-download";

    /** What a link's holder may learn before downloading: its state, who answers, until when. */
    public record Preview(DownloadLink.State state, String organisation, Instant expiresAt) {
    }

    /** A redemption's outcome; {@code archive} only when {@link DownloadLink.State#VALID}. */
    public record Redemption(DownloadLink.State state, byte[] archive) {
    }

    @Inject
    DownloadTokenRepository tokens;

    @Inject
    DsarRepository requests;

    @Inject
    DsarSubjectMail subjectMail;

    @Inject
    DsarContacts contacts;

    @Inject
    DsarIntakeSettings settings;

    @Inject
    DsarResponsePackages packages;

    @Inject
    Tenants tenants;

    @Inject
    AuditTrail audit;

    /**
     * Delivers the request's package: a link mailed to the request's address (the agent's when one acts) in the
     * subject's language, or an audited note that staff must deliver it by hand ({@link #manualDeliveryReason}).
     */
    public void issue(@TenantId UUID tenantId, DsarRequest request, String processInstanceId) {
        Actor process = Actor.system(tenantId, DsarProgress.PROCESS, processInstanceId);
        String manual = manualDeliveryReason(tenantId, request);
        if (manual != null) {
            audit.append(process, "dsar.delivery.manual_needed", "dsar", request.id().toString(), Map.of("reason", manual));
            return;
        }
        Instant expiresAt = mailLink(tenantId, request);
        audit.append(process, "dsar.package.link_sent", "dsar", request.id().toString(), Map.of("expiresAt", expiresAt.toString()));
    }

    /**
     * A reviewer sends the subject a new link after the first was used (an interrupted download) or expired: the
     * request's unused links end, a new one is mailed under the same rules as at delivery. Returns its expiry.
     */
    public Instant reissue(Actor actor, UUID dsarId) {
        DsarRequest request = requests.findForUpdate(dsarId).orElseThrow(() -> ProblemException.notFound("DSAR " + dsarId));
        if (request.status() != DsarRequest.Status.DELIVERED && request.status() != DsarRequest.Status.CLOSED) {
            throw ProblemException.conflict("status", "a link is sent once the review approved the answer; the request is "
                    + request.status());
        }
        ResponsePackage answer = packages.metadata(actor.tenantId(), dsarId); // 404 without a package
        if (answer.purgedAt() != null) {
            throw DsarResponsePackages.purged(answer);
        }
        String manual = manualDeliveryReason(actor.tenantId(), request);
        if (manual != null) {
            throw ProblemException.conflict("id", "the answer is delivered by hand: " + manual);
        }
        int ended = tokens.endOpenLinks(dsarId, StoredTime.now());
        Instant expiresAt = mailLink(actor.tenantId(), request);
        audit.append(actor, "dsar.package.link_reissued", "dsar", dsarId.toString(),
                Map.of("expiresAt", expiresAt.toString(), "endedLinks", ended));
        return expiresAt;
    }

    /**
     * Why the answer cannot go by mail, or null: no address; or the package copies the subject's data but the address
     * was typed by staff, never confirmed by the subject (a typo would send someone's data to a stranger).
     */
    private String manualDeliveryReason(UUID tenantId, DsarRequest request) {
        if (!subjectMail.hasAddress(tenantId, request.id())) {
            return "no address";
        }
        return ResponsePackageContent.carriesData(request.type()) && request.identityConfirmedAt() == null
                ? "address not confirmed by the subject" : null;
    }

    private Instant mailLink(UUID tenantId, DsarRequest request) {
        Instant now = StoredTime.now();
        Instant expiresAt = now.plus(settings.of(tenantId).downloadLinkValidity());
        String token = OpaqueToken.generate(TOKEN_PREFIX);
        tokens.add(OpaqueToken.hashOf(token), tenantId, request.id(), now, expiresAt);
        String language = contacts.of(tenantId, request.id()).map(SubjectContact::language).orElse(null);
        URI link = PrivacyCenterUrl.page(tenants.of(tenantId).slug(), "download", language, token);
        subjectMail.send(tenantId, request.id(), MailType.RESPONSE_READY,
                tenantName -> new ResponseReady(tenantName, request.id().toString(), link, expiresAt));
        return expiresAt;
    }

    /** The state of a link, read without changing it. */
    public Optional<Preview> look(@TenantId UUID tenantId, String tokenHash) {
        return tokens.find(tokenHash).map(t -> new Preview(DownloadLink.state(t.state(), StoredTime.now()),
                tenants.of(tenantId).name(), t.state().expiresAt()));
    }

    /** Redeems a link: the archive once; used or expired links are refused. Audited either way. */
    public Redemption redeem(@TenantId UUID tenantId, String tokenHash, String requestId) {
        DownloadTokenRepository.StoredToken token = tokens.lock(tokenHash)
                .orElseThrow(() -> new IllegalStateException("a download token vanished after it was resolved"));
        Instant now = StoredTime.now();
        DownloadLink.State state = DownloadLink.state(token.state(), now);
        Actor actor = Actor.system(tenantId, ACTOR, requestId);
        if (state != DownloadLink.State.VALID) {
            audit.append(actor, "dsar.package.download_refused", "dsar", token.dsarId().toString(), Map.of("reason", state.name()));
            return new Redemption(state, null);
        }
        tokens.markUsed(tokenHash, now);
        byte[] archive = packages.archive(tenantId, token.dsarId());
        audit.append(actor, "dsar.package.downloaded", "dsar", token.dsarId().toString(), Map.of("by", "subject"));
        return new Redemption(state, archive);
    }

}
