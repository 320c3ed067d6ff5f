package org.custodia.ropa.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * What changed between two versions of an entry, field by field: each change names its path
 * ({@code record.purposes[1].lawfulBasis}) and the value before and after (JSON; null when absent). Lists compare
 * position by position, so an item added at the end shows as one change and a removed item as the rest shifting.
 */
public final class RecordDiff {

    public record Change(String path, JsonNode before, JsonNode after) {
    }

    private RecordDiff() {
    }

    public static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        compare("", orNull(before), orNull(after), changes);
        return changes;
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<Change> changes) {
        if (a.equals(b) || absent(a) && absent(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, orNull(a.get(name)), orNull(b.get(name)), changes);
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                compare(path + "[" + i + "]", orNull(a.get(i)), orNull(b.get(i)), changes);
            }
            return;
        }
        changes.add(new Change(path, absent(a) ? null : a, absent(b) ? null : b));
    }

    /** An absent field, null, and an empty list say the same: nothing given. */
    private static boolean absent(JsonNode n) {
        return n.isNull() || n.isArray() && n.isEmpty();
    }

    private static JsonNode orNull(JsonNode n) {
        return n == null ? NullNode.getInstance() : n;
    }
}
