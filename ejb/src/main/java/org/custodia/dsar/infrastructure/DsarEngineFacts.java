package org.custodia.dsar.infrastructure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Incident;
import org.custodia.platform.engine.ProcessEngineBootstrap;

/**
 * What the engine knows of a tenant's requests that the request rows do not: who works a request's open task and
 * which instances are stuck on an incident (a job that exhausted its retries, such as a failing connector). Reads
 * only, each limited to the tenant (queries through the engine run as the tenant, so its tenant check applies; the one
 * read of the engine's task table names the tenant itself: the engine's tables have no row-level security), in the
 * caller's transaction.
 */
@ApplicationScoped
public class DsarEngineFacts {

    @Inject
    ProcessEngineBootstrap engines;

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The assignee of the instance's open user task (the review, or the document check), if one is assigned. */
    public Optional<String> assigneeOf(UUID tenantId, String processInstanceId) {
        if (processInstanceId == null) {
            return Optional.empty();
        }
        // one indexed read of the engine's task table: every deadline milestone asks this, and the engine's task
        // query (dynamic SQL built per call) cost 8 % of a warning job's CPU (bench/README.md, "DSAR timers")
        @SuppressWarnings("unchecked")
        List<String> assignees = em.createNativeQuery("select assignee_ from engine.act_ru_task where proc_inst_id_ = ?1"
                        + " and tenant_id_ = ?2 and suspension_state_ = 1 and assignee_ is not null order by create_time_")
                .setParameter(1, processInstanceId)
                .setParameter(2, tenantId.toString())
                .getResultList();
        return assignees.stream().findFirst();
    }

    /** The tenant's process instances with at least one open incident: one engine query. */
    public Set<String> instancesWithIncidents(UUID tenantId) {
        return asTenant(tenantId, () -> engines.engine().getRuntimeService().createIncidentQuery()
                .tenantIdIn(tenantId.toString()).list()
                .stream().map(Incident::getProcessInstanceId).filter(Objects::nonNull).collect(Collectors.toSet()));
    }

    /** Runs as the tenant and then restores whoever the thread ran as (a job, a task API caller). */
    private <T> T asTenant(UUID tenantId, Supplier<T> work) {
        IdentityService identity = engines.engine().getIdentityService();
        Authentication previous = identity.getCurrentAuthentication();
        identity.setAuthentication("dsar-facts", List.of(), List.of(tenantId.toString()));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(previous);
            }
        }
    }
}
