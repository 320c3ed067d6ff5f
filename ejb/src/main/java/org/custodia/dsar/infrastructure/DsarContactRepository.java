package org.custodia.dsar.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.DsarType;
import org.custodia.dsar.domain.DuplicateRequests;
import org.custodia.platform.persistence.NativeValues;

/** Sealed contact data of requests ({@code app.dsar_contact}) and the blind index duplicates are found by. */
@ApplicationScoped
public class DsarContactRepository {

    /** One row as stored: the sealed values (null where not given), the blind index and the language. */
    public record SealedContact(byte[] email, String emailIndex, byte[] name, byte[] details, String language,
                                byte[] agentName, byte[] agentEmail, byte[] agentEvidence) {
    }

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void add(UUID tenantId, UUID dsarId, SealedContact c, Instant createdAt) {
        em.flush(); // the new request's row first: the contact refers to it
        em.createNativeQuery("insert into app.dsar_contact (dsar_id, tenant_id, email_sealed, email_index, name_sealed,"
                        + " details_sealed, language, agent_name_sealed, agent_email_sealed, agent_evidence_sealed, created_at)"
                        + " values (?1, ?2, nullif(?3, ''::bytea), ?4, nullif(?5, ''::bytea), nullif(?6, ''::bytea), ?7,"
                        + " nullif(?8, ''::bytea), nullif(?9, ''::bytea), nullif(?10, ''::bytea), ?11)")
                .setParameter(1, dsarId).setParameter(2, tenantId).setParameter(3, bytes(c.email())).setParameter(4, c.emailIndex())
                .setParameter(5, bytes(c.name())).setParameter(6, bytes(c.details())).setParameter(7, c.language())
                .setParameter(8, bytes(c.agentName())).setParameter(9, bytes(c.agentEmail())).setParameter(10, bytes(c.agentEvidence()))
                .setParameter(11, NativeValues.at(createdAt))
                .executeUpdate();
    }

    /** A null bytea parameter would be bound as varchar: an empty array stands for it (a sealed value is never empty). */
    private static byte[] bytes(byte[] sealed) {
        return sealed == null ? new byte[0] : sealed;
    }

    public Optional<SealedContact> find(UUID dsarId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select email_sealed, email_index, name_sealed, details_sealed, language,"
                + " agent_name_sealed, agent_email_sealed, agent_evidence_sealed from app.dsar_contact where dsar_id = ?1")
                .setParameter(1, dsarId).getResultList();
        return rows.stream().findFirst().map(r -> new SealedContact((byte[]) r[0], (String) r[1], (byte[]) r[2], (byte[]) r[3],
                (String) r[4], (byte[]) r[5], (byte[]) r[6], (byte[]) r[7]));
    }

    /** Links a request to the one it repeats (the entity maps the column read-only). */
    public void linkDuplicate(UUID dsarId, UUID original) {
        em.createNativeQuery("update app.dsar_request set duplicate_of = ?1 where id = ?2")
                .setParameter(1, original).setParameter(2, dsarId).executeUpdate();
    }

    /** Earlier requests of the subject with this blind index and of this type, received since {@code since}. */
    public List<DuplicateRequests.Earlier> sameSubjectAndType(String emailIndex, DsarType type, Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select r.id, r.duplicate_of, r.received_at, r.status from app.dsar_contact c"
                        + " join app.dsar_request r on r.id = c.dsar_id"
                        + " where c.email_index = ?1 and r.request_type = ?2 and r.received_at > ?3"
                        + " order by r.received_at desc limit 50")
                .setParameter(1, emailIndex).setParameter(2, type.name()).setParameter(3, NativeValues.at(since))
                .getResultList();
        return rows.stream().map(r -> new DuplicateRequests.Earlier((UUID) r[0], (UUID) r[1], NativeValues.instant(r[2]),
                DsarRequest.Status.valueOf((String) r[3]))).toList();
    }
}
