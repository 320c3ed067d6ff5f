package org.custodia.consent.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Why a tenant processes personal data, e.g. "marketing-email"; consents are given per purpose. */
@Entity
@Table(schema = "app", name = "consent_purpose")
public class ConsentPurpose {

    @Id @Column(name = "id") private UUID id;
    @Column(name = "tenant_id") private UUID tenantId;
    @Column(name = "purpose_key") private String key;
    @Column(name = "name") private String name;
    @Column(name = "description") private String description;
    @Column(name = "version") private int version;
    @Column(name = "created_at") private Instant createdAt;
    @Column(name = "updated_at") private Instant updatedAt;

    protected ConsentPurpose() {
    }

    public ConsentPurpose(UUID tenantId, String key, String name, String description, Instant now) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.key = key;
        this.name = name;
        this.description = description;
        this.version = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String key() { return key; }
    public String name() { return name; }
    public String description() { return description; }
    public int version() { return version; }
    public Instant createdAt() { return createdAt; }
}
