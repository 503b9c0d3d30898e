package io.deltachain.core;

/** What a {@link DeltaChain} does as it grows. */
public enum ChainPolicy {
    /**
     * Keep every version (the default). Every {@code snapshotEvery} versions a snapshot of the state
     * is stored beside the delta, so reading any version applies fewer than {@code snapshotEvery}
     * deltas. {@code maxChainLength} does not apply.
     */
    SNAPSHOT,
    /**
     * When adding would take {@link DeltaChain#length()} past {@code maxChainLength}, the newest
     * state becomes the only version (the Python original's default). Counted as a rebaseline and an
     * optimisation in {@link ChainMetrics}.
     */
    REBASE,
    /**
     * When adding would take the length past {@code maxChainLength}, the oldest deltas are folded
     * into one so that the chain is back to half of {@code maxChainLength} versions (at least 2).
     * Version 0 stays; the intermediate old versions are dropped and later ones renumbered.
     * Counted as an optimisation.
     */
    MERGE
}
