package org.custodia.tenancy.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.custodia.platform.problem.FieldError;

/** An organisation using Custodia; every other row belongs to exactly one tenant. */
@Entity
@Table(schema = "app", name = "tenant")
public class Tenant {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

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

    /** What is wrong with a new tenant's slug and name, field by field (empty when both are fine). */
    public static List<FieldError> problems(String slug, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (slug == null || !SLUG.matcher(slug).matches()) {
            errors.add(new FieldError("slug", "must be 2-63 lower-case letters, digits or '-', starting with a letter or digit"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        return errors;
    }

    public UUID id() { return id; }
    public String slug() { return slug; }
    public String name() { return name; }
    public Instant createdAt() { return createdAt; }
}
