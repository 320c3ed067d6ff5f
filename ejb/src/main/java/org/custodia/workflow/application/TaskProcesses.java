package org.custodia.workflow.application;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.custodia.platform.engine.ProcessModel;

/**
 * The processes whose user tasks the task API serves and the permission guarding each (from the contexts'
 * {@link ProcessModel} beans; the workflow context knows no process by name). No tenant data.
 */
@ApplicationScoped
public class TaskProcesses {

    @Inject
    @Any
    Instance<ProcessModel> models;

    /** Process key → permission, by key. */
    public TreeMap<String, String> permissions() {
        TreeMap<String, String> byKey = new TreeMap<>();
        for (ProcessModel m : models) {
            byKey.put(m.processKey(), m.taskPermission());
        }
        return byKey;
    }

    public List<String> keys() {
        return List.copyOf(permissions().keySet());
    }

    public Optional<String> permissionOf(String processKey) {
        return processKey == null ? Optional.empty() : Optional.ofNullable(permissions().get(processKey));
    }

    /** Whether an APPROVE of this process's tasks must carry a comment ({@link ProcessModel#approvalStatesAnOpinion()}). */
    public boolean approvalStatesAnOpinion(String processKey) {
        for (ProcessModel m : models) {
            if (m.processKey().equals(processKey)) {
                return m.approvalStatesAnOpinion();
            }
        }
        return false;
    }

    /** The processes whose permission is among {@code held}. */
    public List<String> keysGuardedBy(Set<String> held) {
        return permissions().entrySet().stream().filter(e -> held.contains(e.getValue())).map(java.util.Map.Entry::getKey).toList();
    }
}
