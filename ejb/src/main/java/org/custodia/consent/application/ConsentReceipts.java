package org.custodia.consent.application;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.consent.domain.ConsentEvent;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.NoticeVersion;
import org.custodia.consent.infrastructure.ConsentEventRepository;
import org.custodia.consent.infrastructure.NoticeRepository;
import org.custodia.consent.infrastructure.PurposeRepository;
import org.custodia.consent.infrastructure.WithdrawalLinkRepository;
import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.kernel.OpaqueToken;
import org.custodia.notification.application.MailOutbox;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.PrivacySettings;
import org.custodia.tenancy.application.Tenants;
import org.custodia.tenancy.domain.Tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;

/**
 * Consent receipts: the Kantara Consent Receipt v1.1 fields with the ISO/IEC TS 27560 record parts
 * (header, processing, parties, event) for one ledger event, signed as a JWS (ES256 with the tenant's
 * key, its certificate in {@code x5c}). Anyone with the certificate can verify; Custodia also checks
 * the receipt still matches its ledger.
 */
@Stateless
@TenantScoped
public class ConsentReceipts {

    static final String LINK_PREFIX = "cus_w_";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern UUID_TEXT = java.util.regex.Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    public record Signed(Map<String, Object> receipt, String jws) {
    }

    public record Verification(boolean signatureValid, boolean matchesLedger, String reason, Map<String, Object> receipt) {
    }

    /** For the tenant's own row (name, slug) only: the consent ledger is read through the repositories. */
    @Inject
    Tenants tenants;

    @Inject
    TenantSigningKeys signingKeys;

    @Inject
    ConsentEventRepository events;

    @Inject
    PurposeRepository purposes;

    @Inject
    NoticeRepository notices;

    @Inject
    WithdrawalLinkRepository links;

    @Inject
    ConsentSubjects subjects;

    @Inject
    MailOutbox mail;

    @Inject
    PrivacySettings privacy;

    public Signed issue(@TenantId UUID tenantId, UUID eventId) {
        Map<String, Object> receipt = receipt(tenantId, eventId);
        try {
            TenantSigningKeys.ActiveKey key = signingKeys.active(tenantId);
            X509Certificate cert = key.identity().chain().get(0);
            boolean ec = key.identity().privateKey() instanceof ECPrivateKey;
            JWSSigner signer = ec ? new ECDSASigner((ECPrivateKey) key.identity().privateKey())
                    : new RSASSASigner((RSAPrivateKey) key.identity().privateKey());
            JWSObject jws = new JWSObject(new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                    .keyID(key.id().toString()).x509CertChain(List.of(Base64.encode(cert.getEncoded())))
                    .customParam("tenant", tenantId.toString()).build(), new Payload(JSON.writeValueAsString(receipt)));
            jws.sign(signer);
            return new Signed(receipt, jws.serialize());
        } catch (GeneralSecurityException | JOSEException | JsonProcessingException e) {
            throw new IllegalStateException("receipt signing failed", e);
        }
    }

    /** Checks the signature with the tenant's key named in the header, then that the ledger still says the same. */
    public Verification verify(@TenantId UUID tenantId, String compact) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException e) {
            throw ProblemException.invalid("jws", "is not a compact JWS");
        }
        Map<String, Object> claimed = jws.getPayload().toJSONObject();
        try {
            X509Certificate cert = UUID_TEXT.matcher(String.valueOf(jws.getHeader().getKeyID())).matches()
                    ? signingKeys.findCertificate(tenantId, UUID.fromString(jws.getHeader().getKeyID())).orElse(null) : null;
            if (cert == null) {
                return new Verification(false, false, "not signed by a key of this organisation", claimed);
            }
            JWSVerifier verifier = cert.getPublicKey() instanceof ECPublicKey ec ? new ECDSAVerifier(ec)
                    : new RSASSAVerifier((RSAPublicKey) cert.getPublicKey());
            if (!jws.verify(verifier)) {
                return new Verification(false, false, "the signature does not match the receipt", claimed);
            }
        } catch (GeneralSecurityException | JOSEException e) {
            return new Verification(false, false, "not signed by a key of this organisation", claimed);
        }
        Object id = claimed == null ? null : claimed.get("consentReceiptID");
        Map<String, Object> fromLedger;
        try {
            fromLedger = receipt(tenantId, UUID.fromString(String.valueOf(id)));
        } catch (RuntimeException e) {
            return new Verification(true, false, "the ledger holds no such consent event", claimed);
        }
        boolean same = canonical(ledgerFacts(fromLedger)).equals(canonical(ledgerFacts(claimed)));
        return new Verification(true, same, same ? "valid" : "the ledger no longer matches this receipt", claimed);
    }

    /** Mails the receipt with a one-click withdrawal link, if the subject has an address on file. */
    public void mail(Actor actor, ConsentEvent event, ConsentPurpose purpose) {
        String email = subjects.emailOf(actor.tenantId(), event.subjectId());
        if (email == null) {
            throw ProblemException.invalid("sendReceipt", "the subject has no email address on file (send email with the decision)");
        }
        String token = OpaqueToken.generate(LINK_PREFIX);
        links.add(hashOfLink(token), actor.tenantId(), event.subjectId(), purpose.id(), StoredTime.now());
        Tenant tenant = tenants.of(actor.tenantId());
        mail.enqueue(actor.tenantId(), email, "Your consent to " + tenant.name() + ": " + purpose.name(),
                "You " + (event.decision().allows() ? "agreed" : "did not agree") + " to \"" + purpose.name() + "\" on "
                        + event.recordedAt() + ".\nReceipt: " + event.id() + (event.noticeHash() == null ? ""
                        : "\nNotice version " + event.noticeVersion() + " (SHA-256 " + event.noticeHash() + ")")
                        + "\n\nChanged your mind? Withdraw with one click:\n" + PublicUrl.base() + "/consent/withdraw#token=" + token
                        + "\n(For the API, POST /api/v1/consents/withdrawals {\"token\": \"" + token + "\"}.)\n");
    }

    /**
     * The receipt without what a deployment or tenant setting decides and may change after it was issued:
     * the jurisdiction, and the policy URL (built from CUSTODIA_PUBLIC_URL; the notice itself is named by
     * the event's notice version and hash, which stay compared). The signature covers both regardless.
     */
    static Map<String, Object> ledgerFacts(Map<String, Object> receipt) {
        Map<String, Object> facts = new LinkedHashMap<>(receipt);
        facts.remove("jurisdiction");
        facts.remove("policyUrl");
        return facts;
    }

    private static String canonical(Map<String, Object> json) {
        try {
            return new org.erdtman.jcs.JsonCanonicalizer(JSON.writeValueAsString(json)).getEncodedString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hashOfLink(String token) {
        return OpaqueToken.wellFormed(token, LINK_PREFIX) ? OpaqueToken.hashOf(token) : "-";
    }

    /** The receipt's content, from the ledger (tenant bound). */
    Map<String, Object> receipt(UUID tenantId, UUID eventId) {
        ConsentEvent event = events.find(eventId);
        if (event == null) {
            throw ProblemException.notFound("consent event " + eventId);
        }
        ConsentPurpose purpose = purposes.find(event.purposeId());
        Tenant tenant = tenants.of(tenantId);
        NoticeVersion notice = event.noticeVersion() == null ? null : notices.version(purpose.id(), purpose.key(), event.noticeVersion());
        return content(event, purpose, tenant.name(), tenant.slug(), notice, privacy.of(tenantId).jurisdiction(), PublicUrl.base());
    }

    /** The receipt's fields for one event, its purpose, the controller (tenant) and the notice shown (if any). */
    static Map<String, Object> content(ConsentEvent event, ConsentPurpose purpose, String controller, String contact, NoticeVersion notice,
                                       String jurisdiction, String publicBase) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("version", "KI-CR-v1.1.0");
        r.put("iso27560", "ISO/IEC TS 27560:2023");
        r.put("jurisdiction", jurisdiction);
        r.put("consentTimestamp", event.recordedAt().getEpochSecond());
        r.put("collectionMethod", event.source());
        r.put("consentReceiptID", event.id().toString());
        r.put("publicKey", "x5c in the JWS header");
        r.put("language", notice == null ? "en" : notice.textFor("en").getKey());
        r.put("piiPrincipalId", event.subjectId());
        r.put("piiControllers", List.of(Map.of("piiController", controller, "contact", contact, "onBehalf", false)));
        // the notice the subject was shown, as the API serves it (no public notice page exists yet)
        r.put("policyUrl", notice == null ? null : publicBase + "/api/v1/purposes/"
                + URLEncoder.encode(purpose.key(), StandardCharsets.UTF_8) + "/notices/" + notice.version());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("purpose", purpose.name());
        p.put("purposeKey", purpose.key());
        p.put("purposeCategory", purpose.details().dataCategories());
        p.put("legalBasis", purpose.details().legalBasis().name());
        p.put("consentType", "EXPLICIT");
        p.put("piiCategory", purpose.details().dataCategories());
        p.put("primaryPurpose", true);
        p.put("termination", event.expiresAt() == null ? (purpose.details().retention() == null ? "on withdrawal"
                : "retention " + purpose.details().retention()) : event.expiresAt().toString());
        p.put("thirdPartyDisclosure", purpose.details().thirdPartyDisclosure());
        r.put("services", List.of(Map.of("service", purpose.key(), "purposes", List.of(p))));
        r.put("sensitive", false);
        r.put("spiCat", List.of());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("state", switch (event.decision()) {
            case GRANTED -> "given";
            case WITHDRAWN -> "withdrawn";
            case EXPIRED -> "expired";
            case SUPERSEDED -> "invalidated";
        });
        e.put("time", event.recordedAt().toString());
        e.put("validUntil", event.expiresAt() == null ? null : event.expiresAt().toString());
        e.put("entity", event.actor());
        e.put("noticeVersion", event.noticeVersion());
        e.put("noticeHash", event.noticeHash());
        e.put("withdrawalMethod", "POST /api/v1/consents {action: withdraw} or the link in the receipt mail");
        r.put("event", e);
        return r;
    }
}
