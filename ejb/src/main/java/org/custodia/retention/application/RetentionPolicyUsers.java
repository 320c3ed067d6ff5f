package org.custodia.retention.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Whoever refers to retention policies by key (the record of processing does) says who uses one, so a policy in use
 * is not removed. Implemented by the referring context; this context knows none of them.
 */
public interface RetentionPolicyUsers {

    /** What refers to each policy (e.g. register entry references), by key; keys nothing refers to are left out. */
    Map<String, List<String>> usage(UUID tenantId);

    /**
     * What refers to the policy with this key, in the caller's transaction, holding back new references until it
     * ends: what its removal must find empty.
     */
    List<String> holdUsing(UUID tenantId, String key);
}
