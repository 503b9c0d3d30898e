package io.deltachain.core;

import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Where a {@link DeltaChain} keeps its manifest, records (in the wire format of
 * {@link DeltaRecord#toBytes()}) and snapshots (canonical state bytes). A port: core ships
 * {@link InMemoryChainStore} and {@link DirectoryChainStore}; other adapters (a database) implement
 * it in their own modules.
 *
 * <p>A chain writes a version's record and snapshot before the manifest that counts it, so a store
 * may hold records past the manifest's length after a crash; readers ignore them. Implementations
 * must be safe for one writer and many readers. Failures are {@link ChainStoreException}s, damaged
 * bytes {@link io.deltachain.api.CorruptDeltaException}s.
 */
public interface ChainStore {

    /** @return the manifest, or empty when the store holds no chain */
    Optional<ChainManifest> readManifest();

    /** @param manifest the manifest to keep, replacing any earlier one */
    void writeManifest(ChainManifest manifest);

    /**
     * @param index the version the record produces (1 or more)
     * @param wire the record's wire bytes
     */
    void writeRecord(int index, byte[] wire);

    /**
     * @param index a version from 1
     * @return the record's wire bytes
     * @throws ChainStoreException when there is no such record
     */
    byte[] readRecord(int index);

    /**
     * @param index the version
     * @param canonicalState the state's canonical bytes
     */
    void writeSnapshot(int index, byte[] canonicalState);

    /**
     * @param index a version that has a snapshot
     * @return the state's canonical bytes, checked against the store's own checksum if it has one
     * @throws ChainStoreException when there is no such snapshot
     */
    byte[] readSnapshot(int index);

    /** @return the versions that have a snapshot */
    SortedSet<Integer> snapshotIndices();

    /**
     * What keeping the chain's records and snapshots costs this store, as {@link ChainMetrics#storedBytes()}
     * reports it: every byte it holds for them, framing and checksums included (the manifest and any
     * journal of an unfinished rewrite are not counted). Records left past the manifest's length by an
     * interrupted append count until they are overwritten or a rewrite removes them.
     *
     * <p>The default reads every record and snapshot the manifest counts and sums their lengths; a
     * store that can tell more cheaply (or frames what it keeps) overrides it.
     *
     * @return bytes held for records and snapshots (0 for an empty store)
     */
    default long storedBytes() {
        int length = readManifest().map(ChainManifest::length).orElse(0);
        long total = 0;
        for (int i = 1; i < length; i++) {
            total += readRecord(i).length;
        }
        for (int index : snapshotIndices()) {
            if (index < length) {
                total += readSnapshot(index).length;
            }
        }
        return total;
    }

    /** Removes the manifest, every record and every snapshot. */
    void clear();

    /**
     * Replaces the whole chain at once — what rebasing, merging and clearing do. A store that can
     * should make this atomic: after a crash, a reader sees the old chain or the new one, never a mix.
     * The default writes the new chain over a cleared store, which is not.
     *
     * @param manifest the new manifest
     * @param snapshots the new snapshots (canonical state bytes) by version
     * @param records the new records' wire bytes by version
     */
    default void replace(ChainManifest manifest, SortedMap<Integer, byte[]> snapshots,
                         SortedMap<Integer, byte[]> records) {
        clear();
        snapshots.forEach(this::writeSnapshot);
        records.forEach(this::writeRecord);
        writeManifest(manifest);
    }
}
