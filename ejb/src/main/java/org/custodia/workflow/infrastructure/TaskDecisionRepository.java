package org.custodia.workflow.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;
import org.custodia.workflow.domain.TaskDecisionRecord;

/** Decisions on completed tasks ({@code app.task_decision}, append-only), in the caller's tenant-bound transaction. */
@ApplicationScoped
public class TaskDecisionRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    public void add(TaskDecisionRecord d) {
        em.createNativeQuery("insert into app.task_decision (id, tenant_id, task_id, process_instance_id, process_key,"
                        + " business_key, decision, reason, comment, decided_by, decided_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, d.id()).setParameter(2, d.tenantId()).setParameter(3, d.taskId())
                .setParameter(4, d.processInstanceId()).setParameter(5, d.processKey()).setParameter(6, d.businessKey())
                .setParameter(7, d.decision().name()).setParameter(8, d.reason()).setParameter(9, d.comment())
                .setParameter(10, d.decidedBy()).setParameter(11, NativeValues.at(d.decidedAt()))
                .executeUpdate();
    }

    /** The reason of the latest decision of this kind on a process instance's tasks (e.g. why a review refused). */
    public java.util.Optional<String> latestReason(String processKey, String businessKey, org.custodia.bpmn.TaskDecision decision) {
        @SuppressWarnings("unchecked")
        java.util.List<String> rows = em.createNativeQuery("select reason from app.task_decision where process_key = ?1"
                        + " and business_key = ?2 and decision = ?3 and reason is not null order by decided_at desc limit 1")
                .setParameter(1, processKey).setParameter(2, businessKey).setParameter(3, decision.name()).getResultList();
        return rows.stream().findFirst();
    }

    /** The latest decision on a process instance's tasks: decision, reason, comment, who and when; empty before any. */
    @SuppressWarnings("unchecked")
    public java.util.Optional<Object[]> latest(String processKey, String businessKey) {
        java.util.List<Object[]> rows = em.createNativeQuery("select decision, reason, comment, decided_by, decided_at from app.task_decision"
                        + " where process_key = ?1 and business_key = ?2 order by decided_at desc limit 1")
                .setParameter(1, processKey).setParameter(2, businessKey).getResultList();
        return rows.stream().findFirst();
    }
}
