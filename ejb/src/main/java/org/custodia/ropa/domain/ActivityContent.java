package org.custodia.ropa.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one version of a processing activity says: a description, its Art. 30 record, the systems the data lives in
 * (by name) and how the data flows between them and to recipients. Lists are never null.
 */
public record ActivityContent(String description, ProcessingRecord record, List<String> systems, List<DataFlow> flows) {

    public ActivityContent {
        systems = systems == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(systems));
        flows = flows == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(flows));
    }

    /**
     * Data moving from one of the activity's systems to another system or to a recipient.
     *
     * @param from           a system of the activity
     * @param to             a system of the activity, or one of its recipients
     * @param dataCategories names of the activity's data categories that flow (empty: all of them)
     */
    public record DataFlow(String from, String to, List<String> dataCategories, String description) {
        public DataFlow {
            dataCategories = dataCategories == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(dataCategories));
        }
    }
}
