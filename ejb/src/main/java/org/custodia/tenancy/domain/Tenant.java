package org.custodia.tenancy.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organisation using Custodia; every other row belongs to exactly one tenant. */
@Entity
@Table(schema = "app", name = "tenant")
public class Tenant {

    @Id @Column(name = "tenant_id") private UUID id;
    @Column(name = "slug") private String slug;
    @Column(name = "name") private String name;
    @Column(name = "created_at") private Instant createdAt;

    protected Tenant() {
    }

    public Tenant(UUID id, String slug, String name, Instant createdAt) {
        this.id = id;
        this.slug = slug;
        this.name = name;
        this.createdAt = createdAt;
    }

    public UUID id() { return id; }
    public String slug() { return slug; }
    public String name() { return name; }
    public Instant createdAt() { return createdAt; }
}
