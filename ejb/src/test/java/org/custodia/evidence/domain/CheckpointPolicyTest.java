package org.custodia.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointPolicyTest {

    @Test
    void anEmptyChainNeedsNoCheckpoint() {
        assertThat(CheckpointPolicy.due(0, null, null)).isFalse();
    }

    @Test
    void aChainNeverCheckpointedNeedsOne() {
        assertThat(CheckpointPolicy.due(3, "consent.granted", null)).isTrue();
    }

    @Test
    void aChainThatOnlyGainedTheCheckpointsOwnEventNeedsNoOther() {
        assertThat(CheckpointPolicy.due(8, CheckpointPolicy.CHECKPOINT_EVENT, 7L)).isFalse();
    }

    @Test
    void newActivityAfterTheLastCheckpointNeedsANewOne() {
        assertThat(CheckpointPolicy.due(9, "consent.withdrawn", 7L)).isTrue();
        // an export's checkpoint + export event, then nothing: the head is not the checkpoint event
        assertThat(CheckpointPolicy.due(9, "audit.exported", 7L)).isTrue();
        assertThat(CheckpointPolicy.due(7, "consent.granted", 7L)).isFalse();
    }
}
