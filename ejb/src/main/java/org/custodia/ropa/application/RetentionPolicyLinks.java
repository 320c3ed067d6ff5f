package org.custodia.ropa.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.retention.application.RetentionPolicyUsers;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository;

/** The register's entries are what refers to retention policies: a policy they link is not removed. */
@Stateless
@TenantScoped
public class RetentionPolicyLinks implements RetentionPolicyUsers {

    @Inject
    ProcessingActivityRepository activities;

    @Override
    public Map<String, List<String>> usage(@TenantId UUID tenantId) {
        return activities.referencesByRetentionPolicy(null);
    }

    @Override
    public List<String> holdUsing(@TenantId UUID tenantId, String key) {
        activities.lockTenant(tenantId); // an entry being saved with this key goes first, or sees the policy gone
        return activities.referencesByRetentionPolicy(key).getOrDefault(key, List.of());
    }
}
