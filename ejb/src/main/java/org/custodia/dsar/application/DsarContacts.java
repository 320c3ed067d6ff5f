package org.custodia.dsar.application;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.crypto.application.TenantSecrets;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.DuplicateRequests;
import org.custodia.dsar.domain.IntakeSettings;
import org.custodia.dsar.domain.IsoDuration;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.dsar.infrastructure.DsarContactRepository;
import org.custodia.dsar.infrastructure.DsarContactRepository.SealedContact;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;

/**
 * A request's contact data: sealed per value (bound to the tenant and the request, so a value copied to another
 * row does not open), with a blind index of the address (HMAC-SHA256 under the tenant's own key, {@link TenantSecrets})
 * through which a repeat of the same subject and type within the tenant's window is linked to the earlier request.
 * Opened only for mail to the subject and for a {@code dsar:view} caller who asks for it (audited, without the data).
 */
@Stateless
@TenantScoped
public class DsarContacts {

    /** The tenant key the blind index is computed under (its own: not comparable with consent's index). */
    static final String INDEX_KEY = "dsar-email-index";

    @Inject
    DsarContactRepository contacts;

    @Inject
    DsarRepository requests;

    @Inject
    SealedSecrets sealed;

    @Inject
    TenantSecrets secrets;

    @Inject
    DsarIntakeSettings settings;

    @Inject
    AuditTrail audit;

    /** What {@link #store} wrote, for {@link #recordStored} to audit. */
    public record Stored(boolean email, boolean agent, Optional<UUID> duplicateOf, Duration window) {
    }

    /**
     * Stores the contact of a new request and links it to the request it repeats, if any (validated by the caller);
     * writes only, no audit event: the caller audits afterwards ({@link #recordStored}), so the link's lock on the
     * original request is taken before the audit chain's head (a step of the original locks its row, then the head).
     */
    public Stored store(Actor actor, DsarRequest request, SubjectContact contact) {
        UUID tenantId = actor.tenantId();
        String index = contact.email() == null ? null : blindIndex(tenantId, contact.email());
        SubjectContact.Agent agent = contact.agent();
        contacts.add(tenantId, request.id(), new SealedContact(seal(tenantId, request, "email", contact.email() == null ? null : contact.email().strip()),
                index, seal(tenantId, request, "name", contact.name()), seal(tenantId, request, "details", contact.details()),
                SubjectContact.languageCode(contact.language()),
                agent == null ? null : seal(tenantId, request, "agent-name", agent.name().strip()),
                agent == null ? null : seal(tenantId, request, "agent-email", agent.email().strip()),
                agent == null ? null : seal(tenantId, request, "agent-evidence", agent.authorisationEvidence())), StoredTime.now());
        IntakeSettings intake = settings.of(tenantId);
        Optional<UUID> original = index == null ? Optional.empty() : DuplicateRequests.original(request.id(), request.receivedAt(),
                contacts.sameSubjectAndType(index, request.type(), intake.duplicateWindowStart(request.receivedAt())), intake);
        original.ifPresent(o -> {
            request.duplicateOf(o);
            contacts.linkDuplicate(request.id(), o);
        });
        return new Stored(contact.email() != null, agent != null, original, intake.duplicateWindow());
    }

    /** The audit events of what {@link #store} wrote. */
    public void recordStored(Actor actor, DsarRequest request, Stored stored) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("email", stored.email());
        facts.put("agent", stored.agent());
        audit.append(actor, "dsar.contact.recorded", "dsar", request.id().toString(), facts);
        stored.duplicateOf().ifPresent(o -> audit.append(actor, "dsar.duplicate.linked", "dsar", request.id().toString(),
                Map.of("duplicateOf", o.toString(), "window", IsoDuration.text(stored.window()))));
    }

    /** The contact, opened, for mail to the subject or agent; empty when the request has none. */
    public Optional<SubjectContact> of(@TenantId UUID tenantId, UUID dsarId) {
        return contacts.find(dsarId).map(c -> open(tenantId, dsarId, c));
    }

    /** The contact for a staff member who asked to see it; the disclosure is audited (who, which request, nothing more). */
    public Optional<SubjectContact> disclose(Actor actor, UUID dsarId) {
        requests.find(dsarId).orElseThrow(() -> ProblemException.notFound("DSAR " + dsarId));
        Optional<SubjectContact> contact = of(actor.tenantId(), dsarId);
        audit.append(actor, "dsar.contact.viewed", "dsar", dsarId.toString(), Map.of("present", contact.isPresent()));
        return contact;
    }

    /** HMAC of the normalised address under the tenant's index key, hex: equal for one subject, unrelated across tenants. */
    public String blindIndex(@TenantId UUID tenantId, String email) {
        return secrets.hmac(tenantId, INDEX_KEY, SubjectContact.normalisedEmail(email));
    }

    private SubjectContact open(UUID tenantId, UUID dsarId, SealedContact c) {
        SubjectContact.Agent agent = c.agentEmail() == null ? null : new SubjectContact.Agent(text(tenantId, dsarId, "agent-name", c.agentName()),
                text(tenantId, dsarId, "agent-email", c.agentEmail()), text(tenantId, dsarId, "agent-evidence", c.agentEvidence()));
        return new SubjectContact(text(tenantId, dsarId, "email", c.email()), text(tenantId, dsarId, "name", c.name()),
                text(tenantId, dsarId, "details", c.details()), c.language(), agent);
    }

    private byte[] seal(UUID tenantId, DsarRequest request, String field, String value) {
        return sealed.sealText(tenantId, purpose(request.id(), field), value);
    }

    private String text(UUID tenantId, UUID dsarId, String field, byte[] value) {
        return sealed.sealedText(value, tenantId, purpose(dsarId, field));
    }

    private static String purpose(UUID dsarId, String field) {
        return "dsar-contact:" + dsarId + ":" + field;
    }
}
