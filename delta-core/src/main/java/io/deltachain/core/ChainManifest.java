package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;
import java.util.Objects;

/**
 * What a {@link ChainStore} keeps about its chain besides records and snapshots: the format
 * version, the chain's configuration and its length. Immutable. How a store writes it is the
 * store's format (docs/FORMAT.md gives the directory store's JSON, and how it names each policy).
 *
 * @param formatVersion the store format version ({@link #CURRENT_VERSION})
 * @param strategyId the configured strategy ({@code auto} allowed here; records name the one used)
 * @param stateFormatId the state format
 * @param codecId the codec
 * @param codecLevel the codec level
 * @param policy the policy, with its parameters
 * @param snapshotEvery the snapshot interval
 * @param length one past the newest version's index: the index the next version gets (versions held, unless
 *     retention dropped the oldest: then {@code length - first})
 * @param rebaselines rebaselines so far
 * @param optimisations policy optimisations so far
 * @param generation how many times the store has rewritten the chain as a whole (rebase, merge, clear,
 *     the first version); with {@link #length()} it tells a writer whether the head it saw has moved.
 *     The store assigns it: what a chain passes in is ignored
 * @param first the oldest version held, 0 unless retention dropped the versions before it (indices stay as they
 *     were: the chain holds versions {@code first} to {@code length - 1}, and version {@code first} has a snapshot
 *     and no record, as version 0 otherwise does); 0 for an empty chain
 */
public record ChainManifest(int formatVersion, String strategyId, String stateFormatId, String codecId, int codecLevel,
                            ChainPolicy policy, int snapshotEvery, int length, long rebaselines, long optimisations,
                            long generation, int first) {
    /**
     * The newest manifest version this build writes and reads: 5, a chain whose oldest versions retention dropped
     * ({@link #first()} above 0); a chain that holds its versions from 0 is written as 4 (the directory store's
     * format 4: format 2 with compressed snapshot frames, intermediate ones deltas up to 31 deep), which builds
     * before retention read. It reads 1 to 5.
     */
    public static final int CURRENT_VERSION = 5;

    /** The manifest version of a chain that holds its versions from 0. */
    public static final int FROM_ZERO_VERSION = 4;

    /** Validates the fields. */
    public ChainManifest {
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(stateFormatId, "stateFormatId");
        Objects.requireNonNull(codecId, "codecId");
        Objects.requireNonNull(policy, "policy");
        if (length < 0 || snapshotEvery < 1 || rebaselines < 0 || optimisations < 0 || generation < 0 || first < 0
                || first > 0 && first >= length) {
            throw new DeltaConfigurationException("chain manifest out of range: length=" + length + ", snapshotEvery="
                    + snapshotEvery + ", rebaselines=" + rebaselines + ", optimisations=" + optimisations
                    + ", generation=" + generation + ", first=" + first);
        }
    }

    /** A manifest of a chain that holds its versions from 0. */
    public ChainManifest(int formatVersion, String strategyId, String stateFormatId, String codecId, int codecLevel,
                         ChainPolicy policy, int snapshotEvery, int length, long rebaselines, long optimisations,
                         long generation) {
        this(formatVersion, strategyId, stateFormatId, codecId, codecLevel, policy, snapshotEvery, length, rebaselines,
                optimisations, generation, 0);
    }

    /** A manifest of generation 0, as chains written before generations were counted read. */
    public ChainManifest(int formatVersion, String strategyId, String stateFormatId, String codecId, int codecLevel,
                         ChainPolicy policy, int snapshotEvery, int length, long rebaselines, long optimisations) {
        this(formatVersion, strategyId, stateFormatId, codecId, codecLevel, policy, snapshotEvery, length, rebaselines,
                optimisations, 0, 0);
    }

    /** @param newLength versions held @return this manifest with that length */
    public ChainManifest withLength(int newLength) {
        return new ChainManifest(formatVersion, strategyId, stateFormatId, codecId, codecLevel, policy, snapshotEvery,
                newLength, rebaselines, optimisations, generation, first);
    }

    /** @param newGeneration the store's rewrite count @return this manifest with that generation */
    public ChainManifest withGeneration(long newGeneration) {
        return new ChainManifest(formatVersion, strategyId, stateFormatId, codecId, codecLevel, policy, snapshotEvery,
                length, rebaselines, optimisations, newGeneration, first);
    }

    /**
     * @param newFirst the oldest version held
     * @return this manifest with that first version, and the format version that says it (5 above 0)
     */
    public ChainManifest withFirst(int newFirst) {
        int version = newFirst > 0 ? CURRENT_VERSION : Math.min(formatVersion, FROM_ZERO_VERSION);
        return new ChainManifest(version, strategyId, stateFormatId, codecId, codecLevel, policy, snapshotEvery,
                length, rebaselines, optimisations, generation, newFirst);
    }

    /** @return the number of versions held: {@code length - first} */
    public int versionsHeld() {
        return length - first;
    }

    /** @param other a manifest @return whether both describe the same head: same generation and length */
    public boolean sameHead(ChainManifest other) {
        return generation == other.generation && length == other.length;
    }
}
