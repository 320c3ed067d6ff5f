package org.custodia.workflow.domain;

import java.time.Instant;
import java.util.UUID;

import org.custodia.bpmn.TaskDecision;

/**
 * What was decided on a completed task, kept in the tenant's table (the free text stays here, out of the
 * process variables and the audit payload).
 *
 * @param decidedBy the worker's id: a user id, or an API key's principal
 */
public record TaskDecisionRecord(UUID id, UUID tenantId, String taskId, String processInstanceId, String processKey,
                                 String businessKey, TaskDecision decision, String reason, String comment, String decidedBy,
                                 Instant decidedAt) {
}
