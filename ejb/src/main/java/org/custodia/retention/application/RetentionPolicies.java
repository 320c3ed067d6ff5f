package org.custodia.retention.application;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.retention.domain.RetentionPeriods;
import org.custodia.retention.domain.RetentionPolicy;
import org.custodia.retention.domain.RetentionPolicyDraft;
import org.custodia.retention.infrastructure.RetentionPolicyRepository;

/**
 * The tenant's retention policies: added, revised in place (the key stays: register entries refer to it, and say the
 * new terms from then on), removed once nothing refers to it (its key is never used again). Every change audited with
 * the policy's terms, a revision with the terms before it.
 */
@Stateless
@TenantScoped
public class RetentionPolicies {

    @Inject
    RetentionPolicyRepository policies;

    @Inject
    RetentionPolicyUsers users;

    @Inject
    AuditTrail audit;

    public RetentionPolicy add(Actor actor, RetentionPolicyDraft draft) {
        check(draft);
        Instant now = StoredTime.now();
        RetentionPolicy p = draft.toPolicy(UUID.randomUUID(), now, now);
        if (!policies.add(actor.tenantId(), p)) {
            throw ProblemException.conflict("key", "The tenant has or had a retention policy '" + p.key()
                    + "' (a removed policy's key is kept: older register versions name it); choose another key");
        }
        audit.append(actor, "retention.policy.added", "retention_policy", p.id().toString(), facts(p));
        return p;
    }

    /** New terms for the policy {@code key}; a different key in the draft is refused (it cannot change). */
    public RetentionPolicy revise(Actor actor, String key, RetentionPolicyDraft draft) {
        if (draft.key() != null && !draft.key().equals(key)) {
            throw ProblemException.invalid("key", "cannot change (it is '" + key + "'); add a new policy and link entries to it instead");
        }
        RetentionPolicyDraft withKey = new RetentionPolicyDraft(key, draft.name(), draft.period(), draft.startsAt(), draft.action(),
                draft.legalReference(), draft.description());
        check(withKey);
        RetentionPolicy old = policies.lock(key).orElseThrow(() -> notFound(key));
        RetentionPolicy p = withKey.toPolicy(old.id(), old.createdAt(), StoredTime.now());
        if (p.sameTermsAs(old)) {
            return old; // the same terms again change nothing
        }
        policies.update(p);
        // the entries linking it now say the new terms without a version of their own: the chain keeps the old ones
        Map<String, Object> facts = facts(p);
        facts.put("before", facts(old));
        facts.put("linkedEntries", users.usage(actor.tenantId()).getOrDefault(key, List.of()).size());
        audit.append(actor, "retention.policy.revised", "retention_policy", p.id().toString(), facts);
        return p;
    }

    public void remove(Actor actor, String key) {
        RetentionPolicy p = policies.lock(key).orElseThrow(() -> notFound(key));
        List<String> using = users.holdUsing(actor.tenantId(), key);
        if (!using.isEmpty()) {
            throw ProblemException.conflict("key", "'" + key + "' is the retention of " + String.join(", ", using)
                    + "; link them to another policy first");
        }
        policies.remove(p.id(), StoredTime.now());
        audit.append(actor, "retention.policy.removed", "retention_policy", p.id().toString(), facts(p));
    }

    public List<RetentionPolicy> list(@TenantId UUID tenantId) {
        return policies.all();
    }

    /** The tenant's policies by key, for a context that checks or shows its references. */
    public Map<String, RetentionPolicy> byKey(@TenantId UUID tenantId) {
        return policies.all().stream().collect(Collectors.toMap(RetentionPolicy::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public RetentionPolicy get(@TenantId UUID tenantId, String key) {
        return policies.find(key).orElseThrow(() -> notFound(key));
    }

    /** Policy key → what refers to it (policies nothing refers to are left out). */
    public Map<String, List<String>> usage(@TenantId UUID tenantId) {
        return users.usage(tenantId);
    }

    private static void check(RetentionPolicyDraft draft) {
        List<FieldError> errors = draft.problems();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static Map<String, Object> facts(RetentionPolicy p) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("key", p.key());
        facts.put("name", p.name());
        facts.put("period", RetentionPeriods.iso(p.period()));
        facts.put("startsAt", p.startsAt().name());
        facts.put("action", p.action().name());
        if (p.legalReference() != null) {
            facts.put("legalReference", p.legalReference());
        }
        if (p.description() != null) {
            facts.put("description", p.description());
        }
        return facts;
    }

    private static ProblemException notFound(String key) {
        return ProblemException.notFound("Retention policy " + key);
    }
}
