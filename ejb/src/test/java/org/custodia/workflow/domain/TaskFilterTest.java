package org.custodia.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.custodia.platform.problem.FieldError;
import org.junit.jupiter.api.Test;

/** Query parameters of the task list. */
class TaskFilterTest {

    static final Worker ME = new Worker("11111111-1111-1111-1111-111111111111", "APPROVER", Set.of());
    static final List<String> KNOWN = List.of("dsar", "erasure");

    static List<FieldError> errors(String process, String status, String assignee, String limit, String offset) {
        List<FieldError> errors = new ArrayList<>();
        TaskFilter f = TaskFilter.parse(process, status, null, assignee, limit, offset, KNOWN, ME, errors);
        assertThat(f == null).isEqualTo(!errors.isEmpty());
        return errors;
    }

    @Test
    void defaultsToMyOpenTasksFirstPage() {
        TaskFilter f = TaskFilter.parse(null, null, null, null, null, null, KNOWN, ME, new ArrayList<>());
        assertThat(f).isEqualTo(new TaskFilter(null, TaskFilter.Status.OPEN, null, null, TaskFilter.DEFAULT_LIMIT, 0));
    }

    @Test
    void meIsTheWorkerAndOtherAssigneesAreUserIds() {
        TaskFilter f = TaskFilter.parse("dsar", "assigned", null, "me", "10", "20", KNOWN, ME, new ArrayList<>());
        assertThat(f).isEqualTo(new TaskFilter("dsar", TaskFilter.Status.ASSIGNED, null, ME.id(), 10, 20));
        assertThat(errors(null, null, "api_key:x", null, null)).extracting(FieldError::field).containsExactly("assignee");
        assertThat(errors(null, "unassigned", "me", null, null)).extracting(FieldError::field).containsExactly("assignee");
        assertThat(errors(null, "mine", "22222222-2222-2222-2222-222222222222", null, null))
                .extracting(FieldError::field).containsExactly("assignee");
    }

    @Test
    void unknownProcessesStatusesAndOutOfRangePagesAreRefusedTogether() {
        assertThat(errors("grievance", "MINE", null, "0", "-1")).extracting(FieldError::field)
                .containsExactly("process", "status", "limit", "offset");
        assertThat(errors(null, null, null, String.valueOf(TaskFilter.MAX_LIMIT + 1), "x")).extracting(FieldError::field)
                .containsExactly("limit", "offset");
        assertThat(errors(null, "mine", null, String.valueOf(TaskFilter.MAX_LIMIT), null)).isEmpty();
    }
}
