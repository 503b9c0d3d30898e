package io.deltachain.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Where a {@link DeltaChain} keeps its manifest, records (in the wire format of
 * {@link DeltaRecord#toBytes()}) and snapshots (canonical state bytes). A port: core ships
 * {@link InMemoryChainStore} and {@link DirectoryChainStore}; other adapters (a database) implement
 * it in their own modules, and every one passes {@code io.deltachain.store.testkit.ChainStoreContract}.
 *
 * <p><b>Reads never write</b> and take no lock: a reader sees a consistent prefix of the chain (the
 * manifest it reads counts only versions whose record and snapshot are whole). <b>Writes</b> go through
 * a {@link Writer}, which holds the store's writer lock (cross-process where the store is shared by
 * processes) from {@link #lock()} to {@link Writer#close()}: one writer at a time, recovery of an
 * interrupted write only under that lock, and every write one atomic step (an append, or a replace of
 * the whole chain). Failures are {@link ChainStoreException}s, damaged bytes
 * {@link io.deltachain.api.CorruptDeltaException}s. Implementations are thread-safe.
 */
public interface ChainStore {
    /** How long {@link #lock()} waits for another writer by default. */
    Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    /** @return the manifest of the stored head, or empty when the store holds no chain */
    Optional<ChainManifest> readManifest();

    /**
     * The generation of the stored head ({@link ChainManifest#generation()}): a chain asks it after every
     * read, to find that another writer rewrote the chain meanwhile. A store should answer it more cheaply
     * than {@link #readManifest()}, which the default calls (the directory store reads only
     * {@code manifest.json}, not its index).
     *
     * @return the stored head's generation, or -1 when the store holds no chain
     */
    default long generation() {
        return readManifest().map(ChainManifest::generation).orElse(-1L);
    }

    /**
     * A value that changes whenever a writer changes the stored chain (an append or a rewrite), so that
     * a reader that checked the chain can tell whether it checked a chain at rest: {@link DeltaChain#verify(
     * ChainStore, io.deltachain.api.DeltaRegistry, io.deltachain.api.Limits)} checks again when it did not.
     * The default is the length and generation of {@link #readManifest()}.
     *
     * @return the stored chain's revision; equal values mean no writer changed it in between
     */
    default long revision() {
        return readManifest().map(m -> m.generation() * 1_000_003L + m.length()).orElse(-1L);
    }

    /**
     * Faults in how the store lays out the versions that reading each version would not name as plainly:
     * for the directory store, index entries that fail their CRC (with the versions that rebuild through
     * them), and a segment shorter than its index says. {@code verify} reports them before what replaying
     * the chain finds. Never throws for bad data; the default finds none.
     *
     * @return one line per fault, naming the versions it affects and the cause
     */
    default List<String> auditLayout() {
        return List.of();
    }

    /**
     * What a check of the chain at rest should tell its owner that is not a fault: data the store
     * holds that no reader counts and the next write will drop.
     *
     * @return one line per note; empty by default
     */
    default List<String> auditNotes() {
        return List.of();
    }

    /**
     * @param index a version from 1
     * @return the record's wire bytes
     * @throws ChainStoreException when there is no such record
     */
    byte[] readRecord(int index);

    /**
     * The target hash the record of a version names, which a snapshot of that version is checked against: read
     * even when the record cannot be given whole (a directory store's record frame whose base hash is in a
     * damaged record before it, {@link PrecedingRecordUnreadableException}). The default reads the record.
     *
     * @param index a version from 1
     * @return the SHA-256 of the state the record produces
     * @throws ChainStoreException when there is no such record
     * @throws io.deltachain.api.CorruptDeltaException when the record's own bytes do not read
     */
    default byte[] recordTargetHash(int index) {
        return DeltaRecord.fromBytes(readRecord(index), io.deltachain.api.Limits.defaults()).targetHash();
    }

    /**
     * @param index a version that has a snapshot
     * @return the state's canonical bytes, checked against the store's own checksum if it has one
     * @throws ChainStoreException when there is no such snapshot
     */
    byte[] readSnapshot(int index);

    /** @return the versions that have a snapshot */
    SortedSet<Integer> snapshotIndices();

    /**
     * Where the record of a version is kept, for messages that name damage: a file and an offset, a
     * table and a key. Never fails.
     *
     * @param index a version from 1
     * @return e.g. "record of version 7 (DIR/000000000001.dseg at offset 4096)"
     */
    default String describeRecord(int index) {
        return "record of version " + index + " in " + this;
    }

    /**
     * Where rebuilding a version starts. A chain asks this at every read and never lists the snapshots to
     * open or read, so a store that can answer without listing them all should (the directory store reads
     * one index entry); the default lists them.
     *
     * @param index a version
     * @return the newest version at or before {@code index} that has a snapshot, where rebuilding it starts
     */
    default OptionalInt nearestSnapshot(int index) {
        SortedSet<Integer> upTo = snapshotIndices().headSet(index + 1);
        return upTo.isEmpty() ? OptionalInt.empty() : OptionalInt.of(upTo.last());
    }

    /**
     * What keeping the chain's records and snapshots costs this store, as {@link ChainMetrics#storedBytes()}
     * reports it: every byte it holds for them, framing, checksums and index included (the manifest and
     * the lock are not counted).
     *
     * @return bytes held for records and snapshots (0 for an empty store)
     */
    long storedBytes();

    /**
     * Takes the writer lock, waiting at most the store's configured timeout ({@link #DEFAULT_LOCK_TIMEOUT}
     * unless the store says otherwise).
     *
     * @return the writer; close it to release the lock
     * @throws ChainLockedException when another writer holds the lock past the timeout
     */
    default Writer lock() {
        return lock(DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * Takes the writer lock, then recovers what an interrupted writer left (see {@link Writer#recovery()}).
     *
     * @param timeout how long to wait for another writer
     * @return the writer; close it to release the lock
     * @throws ChainLockedException when another writer holds the lock past the timeout
     */
    Writer lock(Duration timeout);

    /**
     * The one writer of a store, holding its lock until closed. Each write is atomic: after a crash, a
     * reader sees the chain before it or after it. A write returns the manifest as stored, with the
     * generation the store assigned. Not thread-safe: one thread uses a writer, then closes it.
     */
    interface Writer extends AutoCloseable {
        /** @return what recovery did when the lock was taken */
        StoreRecovery recovery();

        /** @return the stored manifest, read under the lock */
        Optional<ChainManifest> manifest();

        /**
         * Creates an empty chain.
         *
         * @param manifest its manifest, of length 0
         * @return the manifest as stored
         * @throws ChainStoreException when the store already holds a chain
         */
        ChainManifest create(ChainManifest manifest);

        /**
         * Appends one version: its record, its snapshot if it has one, and the head that counts it, in one step.
         *
         * @param next the manifest after the append: the stored one with length one more
         * @param recordWire the record producing version {@code next.length() - 1}
         * @param snapshotOrNull that version's canonical bytes when a snapshot is kept, else null
         * @return the manifest as stored
         * @throws ConcurrentAppendException when {@code next} does not follow the stored head (same generation,
         *     length one more)
         */
        ChainManifest append(ChainManifest next, byte[] recordWire, byte[] snapshotOrNull);

        /**
         * Replaces the whole chain at once — what rebasing, merging, clearing, compaction, retention and the first
         * version do — bumping the generation. After a crash a reader sees the old chain or the new one, never a
         * mix. The chain holds versions {@link ChainManifest#first()} (0 unless retention dropped the ones before)
         * to {@code length - 1}, under those indices: the store answers reads of them and refuses the rest.
         *
         * @param manifest the new manifest
         * @param snapshots the new snapshots (canonical state bytes) by version, the first version's among them
         * @param records the new records' wire bytes by version ({@code first + 1} to {@code length - 1})
         * @return the manifest as stored
         * @throws ChainStoreException when the first version has no snapshot, a later one has no record, or a map
         *     names a version outside the chain (nothing is written)
         */
        ChainManifest replace(ChainManifest manifest, SortedMap<Integer, byte[]> snapshots,
                              SortedMap<Integer, byte[]> records);

        /** Releases the lock. */
        @Override
        void close();
    }
}
