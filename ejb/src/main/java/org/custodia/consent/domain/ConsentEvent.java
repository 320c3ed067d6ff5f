package org.custodia.consent.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of the append-only consent ledger. */
@Entity
@Table(schema = "app", name = "consent_event")
public class ConsentEvent {

    @Id @Column(name = "id") private UUID id;
    @Column(name = "tenant_id") private UUID tenantId;
    @Column(name = "subject_id") private String subjectId;
    @Column(name = "purpose_id") private UUID purposeId;
    @Column(name = "purpose_version") private int purposeVersion;
    @Enumerated(EnumType.STRING) @Column(name = "decision") private ConsentDecision decision;
    @Column(name = "source") private String source;
    @Column(name = "actor") private String actor;
    @Column(name = "request_id") private String requestId;
    @Column(name = "recorded_at") private Instant recordedAt;
    @Column(name = "notice_version") private Integer noticeVersion;
    @Column(name = "notice_hash") private String noticeHash;
    @Column(name = "ip_hash") private String ipHash;
    @Column(name = "expires_at") private Instant expiresAt;
    @Column(name = "related_event") private String relatedEvent;

    protected ConsentEvent() {
    }

    public ConsentEvent(UUID tenantId, String subjectId, ConsentPurpose purpose, ConsentDecision decision,
                        String source, String actor, String requestId, Instant recordedAt) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.subjectId = subjectId;
        this.purposeId = purpose.id();
        this.purposeVersion = purpose.version();
        this.decision = decision;
        this.source = source;
        this.actor = actor;
        this.requestId = requestId;
        this.recordedAt = recordedAt;
    }

    /** What the subject was shown and where from: set before the event is persisted. */
    public ConsentEvent shown(Integer noticeVersion, String noticeHash, String ipHash, Instant expiresAt) {
        this.noticeVersion = noticeVersion;
        this.noticeHash = noticeHash;
        this.ipHash = ipHash;
        this.expiresAt = expiresAt;
        return this;
    }

    /** For EXPIRED and SUPERSEDED events: the grant they end. */
    public ConsentEvent ending(UUID grantEventId) {
        this.relatedEvent = grantEventId.toString();
        return this;
    }

    public Integer noticeVersion() { return noticeVersion; }
    public String noticeHash() { return noticeHash; }
    public String ipHash() { return ipHash; }
    public Instant expiresAt() { return expiresAt; }
    public String relatedEvent() { return relatedEvent; }
    public String actor() { return actor; }
    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String subjectId() { return subjectId; }
    public UUID purposeId() { return purposeId; }
    public int purposeVersion() { return purposeVersion; }
    public ConsentDecision decision() { return decision; }
    public String source() { return source; }
    public Instant recordedAt() { return recordedAt; }
}
