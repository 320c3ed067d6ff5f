package org.custodia.evidence.domain;

/** When a scheduled checkpoint is worth taking. */
public final class CheckpointPolicy {

    public static final String CHECKPOINT_EVENT = "audit.checkpoint.taken";

    private CheckpointPolicy() {
    }

    /**
     * @param headSeq           the chain's current head
     * @param headEventType     the type of the event at the head (null for an empty chain)
     * @param lastCheckpointSeq the head the last checkpoint signed, or null when there is none
     */
    public static boolean due(long headSeq, String headEventType, Long lastCheckpointSeq) {
        if (headSeq == 0) {
            return false; // nothing to vouch for
        }
        if (lastCheckpointSeq == null) {
            return true;
        }
        // a checkpoint appends its own event: a chain that ends with it has seen no activity since
        boolean onlyTheCheckpointSince = headSeq == lastCheckpointSeq + 1 && CHECKPOINT_EVENT.equals(headEventType);
        return headSeq > lastCheckpointSeq && !onlyTheCheckpointSince;
    }
}
