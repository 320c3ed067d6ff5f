package org.custodia.audit.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One link of a tenant's append-only, hash-chained audit log, as read back (AuditTrail writes it). */
@Entity
@Table(schema = "app", name = "audit_event")
@IdClass(AuditEvent.Key.class)
public class AuditEvent {

    @Id @Column(name = "tenant_id") private UUID tenantId;
    @Id @Column(name = "seq") private long seq;
    @Column(name = "event_type") private String eventType;
    @Column(name = "entity_type") private String entityType;
    @Column(name = "entity_id") private String entityId;
    @Column(name = "actor") private String actor;
    @Column(name = "request_id") private String requestId;
    @Column(name = "payload") private String payload;
    @Column(name = "previous_hash") private String previousHash;
    @Column(name = "event_hash") private String eventHash;
    @Column(name = "created_at") private Instant createdAt;

    protected AuditEvent() {
    }

    public UUID tenantId() { return tenantId; }
    public long seq() { return seq; }
    public String eventType() { return eventType; }
    public String entityType() { return entityType; }
    public String entityId() { return entityId; }
    public String actor() { return actor; }
    public String requestId() { return requestId; }
    public String payload() { return payload; }
    public String previousHash() { return previousHash; }
    public String eventHash() { return eventHash; }
    public Instant createdAt() { return createdAt; }

    public static class Key implements Serializable {
        private UUID tenantId;
        private long seq;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(tenantId, k.tenantId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, seq);
        }
    }
}
