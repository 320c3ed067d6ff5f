package org.custodia.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeJobLocksTest {

    @Test
    void aNamedNodeLocksInTheSameNameOnEveryStart() {
        assertThat(NodeJobLocks.owner("node-a")).isEqualTo("custodia:node-a").isEqualTo(NodeJobLocks.owner(" node-a "));
        assertThat(NodeJobLocks.owner("node-b")).isNotEqualTo(NodeJobLocks.owner("node-a"));
    }

    @Test
    void withoutANodeNameEachStartLocksInANameOfItsOwn() {
        // nothing of an earlier start can then be mistaken for this one's: no lock is ever released early
        assertThat(NodeJobLocks.owner(null)).startsWith("custodia-").isNotEqualTo(NodeJobLocks.owner(null));
        assertThat(NodeJobLocks.owner(" ")).startsWith("custodia-").doesNotStartWith("custodia:");
    }
}
