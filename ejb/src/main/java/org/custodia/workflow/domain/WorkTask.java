package org.custodia.workflow.domain;

import java.time.Instant;
import java.util.List;

/**
 * An open user task of some process, as the task API shows it: ids, names from the model, dates, the
 * assignee's id and the candidate groups (role names). Nothing personal: a process's variables are not read.
 *
 * @param businessKey the process instance's business key (a DSAR's id for {@code dsar})
 * @param dueAt       null when the model sets no due date
 * @param assignee    null when unclaimed
 */
public record WorkTask(String id, String name, String processKey, String processInstanceId, String businessKey,
                       Instant createdAt, Instant dueAt, String assignee, List<String> candidateGroups) {

    public WorkTask {
        candidateGroups = List.copyOf(candidateGroups);
    }

    public boolean assigned() {
        return assignee != null;
    }

    public boolean assignedTo(Worker worker) {
        return worker.id().equals(assignee);
    }

    public boolean hasCandidate(String role) {
        return candidateGroups.contains(role);
    }
}
