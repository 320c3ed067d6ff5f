package org.custodia.identity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's API key. Only the SHA-256 of the secret is stored; the secret is shown once. */
@Entity
@Table(schema = "app", name = "api_key")
public class ApiKey {

    @Id @Column(name = "id") private UUID id;
    @Column(name = "tenant_id") private UUID tenantId;
    @Column(name = "name") private String name;
    @Column(name = "prefix") private String prefix;
    @Column(name = "secret_hash") private String secretHash;
    @Column(name = "last4") private String last4;
    @Column(name = "role") private String role;
    @Column(name = "created_at") private Instant createdAt;
    @Column(name = "created_by") private String createdBy;
    @Column(name = "expires_at") private Instant expiresAt;
    @Column(name = "revoked_at") private Instant revokedAt;
    @Column(name = "last_used_at") private Instant lastUsedAt;
    @Column(name = "replaced_by") private String replacedBy; // the successor key's id, after a rotation

    protected ApiKey() {
    }

    public ApiKey(UUID tenantId, String name, String role, ApiKeySecret secret, Instant createdAt, String createdBy) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.name = name;
        this.prefix = secret.prefix();
        this.secretHash = secret.hash();
        this.last4 = secret.last4();
        this.role = role;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    /** The key as lists show it: prefix and last four characters, nothing that authenticates. */
    public String masked() {
        return ApiKeySecret.mask(prefix, last4);
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String name() { return name; }
    public String prefix() { return prefix; }
    public String role() { return role; }
    public Instant createdAt() { return createdAt; }
    public Instant expiresAt() { return expiresAt; }
    public Instant revokedAt() { return revokedAt; }
    public Instant lastUsedAt() { return lastUsedAt; }
    public UUID replacedBy() { return replacedBy == null ? null : UUID.fromString(replacedBy); }

    /** Withdraws the key now. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    /** Keeps the key working until {@code until} (never longer than it already would), then it expires. */
    public void expireBy(Instant until, UUID successor) {
        if (expiresAt == null || until.isBefore(expiresAt)) {
            expiresAt = until;
        }
        replacedBy = successor.toString();
    }

    public void expireAt(Instant at) {
        this.expiresAt = at;
    }

    public boolean usable(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
