package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;

/**
 * What a {@link DeltaChain} does as it grows. Each policy is a record that carries its own
 * parameters, so a setting that means nothing for a policy cannot be written:
 * {@code ChainPolicy.rebaseAfter(50)} has a length bound, {@code ChainPolicy.keepAll()} has none.
 * The snapshot spacing, which every policy uses, is a setting of the chain
 * ({@link DeltaChain.Builder#snapshotEvery(int)}).
 *
 * <pre>{@code
 * DeltaChain.builder(JsonFormats.map()).policy(ChainPolicy.mergeAfter(40)).build();
 * }</pre>
 *
 * <p>Immutable values, equal by their parameters; the set of policies is closed (sealed).
 */
public sealed interface ChainPolicy permits ChainPolicy.KeepAll, ChainPolicy.RebaseAfter, ChainPolicy.MergeAfter {

    /** The length bound the Python original used, and the command's default for rebase and merge. */
    int DEFAULT_MAX_CHAIN_LENGTH = 20;

    /** @return the policy that keeps every version (the default) */
    static KeepAll keepAll() {
        return new KeepAll();
    }

    /**
     * @param maxLength the most versions the chain holds; at least 2
     * @return the policy that, past {@code maxLength}, keeps only the newest version
     * @throws DeltaConfigurationException when {@code maxLength} is below 2, naming it
     */
    static RebaseAfter rebaseAfter(int maxLength) {
        return new RebaseAfter(maxLength);
    }

    /**
     * @param maxLength the most versions the chain holds; at least 2
     * @return the policy that, past {@code maxLength}, folds the oldest deltas into one
     * @throws DeltaConfigurationException when {@code maxLength} is below 2, naming it
     */
    static MergeAfter mergeAfter(int maxLength) {
        return new MergeAfter(maxLength);
    }

    /**
     * Keeps every version. Every {@code snapshotEvery} versions a snapshot of the state is stored
     * beside the delta, so reading any version applies fewer than {@code snapshotEvery} deltas.
     */
    record KeepAll() implements ChainPolicy {
    }

    /**
     * When adding would take {@link DeltaChain#length()} past {@code maxLength}, the new state becomes
     * the only version (the Python original's default). Counted as a rebaseline and an optimisation in
     * {@link ChainMetrics}.
     *
     * @param maxLength the most versions the chain holds; at least 2
     */
    record RebaseAfter(int maxLength) implements ChainPolicy {
        /** Refuses a bound below 2. */
        public RebaseAfter {
            checkMaxLength("rebaseAfter", maxLength);
        }
    }

    /**
     * When adding takes the length past {@code maxLength}, the oldest deltas are folded into one so
     * that the chain is back to half of {@code maxLength} versions (at least 2). Version 0 stays; the
     * intermediate old versions are dropped and later ones renumbered. Counted as an optimisation.
     *
     * @param maxLength the most versions the chain holds; at least 2
     */
    record MergeAfter(int maxLength) implements ChainPolicy {
        /** Refuses a bound below 2. */
        public MergeAfter {
            checkMaxLength("mergeAfter", maxLength);
        }
    }

    private static void checkMaxLength(String policy, int maxLength) {
        if (maxLength < 2) {
            throw new DeltaConfigurationException(policy + "(maxLength): maxLength must be at least 2 (the base and"
                    + " one delta), got " + maxLength);
        }
    }
}
