package org.custodia.identity.infrastructure;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.identity.domain.OidcSettings;
import org.custodia.platform.persistence.NativeValues;

/**
 * A tenant's single sign-on settings (app.tenant_oidc, one row per tenant, read in the bound tenant), and
 * the tenant-less look-up of which tenant trusts an issuer and audience.
 */
@Stateless
public class SsoSettingsRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The bound tenant's settings (the client secret only as whether there is one). */
    public Optional<OidcSettings> settings() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select issuer, client_id, client_secret_sealed is not null, audience, role_claim,"
                + " role_mapping, default_role, scopes from app.tenant_oidc").getResultList();
        return rows.stream().findFirst().map(r -> new OidcSettings((String) r[0], (String) r[1], (Boolean) r[2],
                (String) r[3], (String) r[4], mapping((String) r[5]), (String) r[6], (String) r[7]));
    }

    /** The bound tenant's sealed client secret; null for a public client or without settings. */
    public byte[] clientSecretSealed() {
        return (byte[]) em.createNativeQuery("select client_secret_sealed from app.tenant_oidc").getResultStream().findFirst().orElse(null);
    }

    /** The tenants trusting tokens of this issuer for one of these audiences (SECURITY DEFINER {@code app.resolve_oidc_issuer}). */
    public List<UUID> tenantsTrusting(String issuer, List<String> audiences) {
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery("select tenant_id from app.resolve_oidc_issuer(?1, string_to_array(?2, chr(10)))")
                .setParameter(1, issuer).setParameter(2, String.join("\n", audiences)).getResultList();
        return rows;
    }

    /** Removes the bound tenant's settings; false when it had none. */
    public boolean remove() {
        return em.createNativeQuery("delete from app.tenant_oidc").executeUpdate() > 0;
    }

    /** Stores the settings of a tenant that has none (a unique violation when another tenant has this issuer and audience). */
    public void add(UUID tenantId, OidcSettings s, Instant updatedAt) {
        em.createNativeQuery("insert into app.tenant_oidc (tenant_id, issuer, client_id, client_secret_sealed, audience, role_claim,"
                        + " role_mapping, default_role, scopes, updated_at) values (?1, ?2, ?3, null, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, tenantId).setParameter(2, s.issuer()).setParameter(3, s.clientId())
                .setParameter(4, s.audience()).setParameter(5, s.roleClaim()).setParameter(6, json(s.roleMapping()))
                .setParameter(7, s.defaultRole()).setParameter(8, s.scopes()).setParameter(9, NativeValues.at(updatedAt))
                .executeUpdate();
    }

    public void storeClientSecret(byte[] sealed) {
        // EclipseLink binds a null byte[] as varchar, which bytea refuses: only a secret is ever written
        em.createNativeQuery("update app.tenant_oidc set client_secret_sealed = ?1").setParameter(1, sealed).executeUpdate();
    }

    private static LinkedHashMap<String, String> mapping(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, String> mapping) {
        try {
            return JSON.writeValueAsString(mapping == null ? Map.of() : mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
