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
    @Column(name = "names") private String namesJson;
    @Column(name = "legal_basis") private String legalBasis;
    @Column(name = "data_categories") private String dataCategoriesJson;
    @Column(name = "retention") private String retention;
    @Column(name = "honours_gpc") private boolean honoursGpc;
    @Column(name = "reconsent_on_notice_change") private boolean reconsentOnNoticeChange;
    @Column(name = "notice_version") private Integer noticeVersion;
    @Column(name = "third_party_disclosure") private boolean thirdPartyDisclosure;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    protected ConsentPurpose() {
    }

    public ConsentPurpose(UUID tenantId, String key, String name, String description, PurposeDetails details, Instant now) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.key = key;
        this.name = name;
        this.description = description;
        this.version = 1;
        this.createdAt = now;
        this.updatedAt = now;
        try {
            this.namesJson = JSON.writeValueAsString(details.names());
            this.dataCategoriesJson = JSON.writeValueAsString(details.dataCategories());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.legalBasis = details.legalBasis().name();
        this.retention = details.retention();
        this.honoursGpc = details.honoursGpc();
        this.reconsentOnNoticeChange = details.reconsentOnNoticeChange();
        this.thirdPartyDisclosure = details.thirdPartyDisclosure();
    }

    public PurposeDetails details() {
        try {
            return new PurposeDetails(
                    JSON.readValue(namesJson, new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, String>>() { }),
                    PurposeDetails.LegalBasis.valueOf(legalBasis),
                    JSON.readValue(dataCategoriesJson, new com.fasterxml.jackson.core.type.TypeReference<java.util.List<String>>() { }),
                    retention, honoursGpc, reconsentOnNoticeChange, thirdPartyDisclosure);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored purpose details are not JSON", e);
        }
    }

    /** The next notice version, now current. */
    public int publishNotice(Instant now) {
        noticeVersion = noticeVersion == null ? 1 : noticeVersion + 1;
        updatedAt = now;
        return noticeVersion;
    }

    public Integer noticeVersion() { return noticeVersion; }

    public PurposeRules rules() {
        return new PurposeRules(id, key, version, noticeVersion, reconsentOnNoticeChange, honoursGpc);
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String key() { return key; }
    public String name() { return name; }
    public String description() { return description; }
    public int version() { return version; }
    public Instant createdAt() { return createdAt; }
}
