package org.custodia.retention.application;

import java.util.List;
import java.util.UUID;

/**
 * Whoever refers to retention policies by key (the record of processing does) says who uses one, so a policy in use
 * is not removed. Implemented by the referring context; this context knows none of them.
 */
public interface RetentionPolicyUsers {

    /**
     * What refers to the policy with this key (e.g. register entry references), in the caller's transaction; holds
     * back new references until it commits.
     */
    List<String> using(UUID tenantId, String key);
}
