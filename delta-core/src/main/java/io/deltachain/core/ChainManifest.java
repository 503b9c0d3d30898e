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
 * @param length versions held
 * @param rebaselines rebaselines so far
 * @param optimisations policy optimisations so far
 */
public record ChainManifest(int formatVersion, String strategyId, String stateFormatId, String codecId, int codecLevel,
                            ChainPolicy policy, int snapshotEvery, int length, long rebaselines, long optimisations) {
    /** The manifest version this build writes and reads. */
    public static final int CURRENT_VERSION = 1;

    /** Validates the fields. */
    public ChainManifest {
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(stateFormatId, "stateFormatId");
        Objects.requireNonNull(codecId, "codecId");
        Objects.requireNonNull(policy, "policy");
        if (length < 0 || snapshotEvery < 1 || rebaselines < 0 || optimisations < 0) {
            throw new DeltaConfigurationException("chain manifest out of range: length=" + length + ", snapshotEvery="
                    + snapshotEvery + ", rebaselines=" + rebaselines + ", optimisations=" + optimisations);
        }
    }
}
