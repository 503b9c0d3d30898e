package io.deltachain.core;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.RecordIndexMismatchException;
import io.deltachain.api.StateMismatchException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import io.deltachain.core.internal.Sha256;
import io.deltachain.spi.StateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versions of a {@link DeltaChain}, read on demand. Opening reads nothing from the store: no
 * record is decoded, no state rebuilt, and the list of snapshot versions is read only by what needs
 * every version anyway ({@link #damaged}, {@link #metrics}, {@link #foldOldest}); a rebuild asks the
 * store for the nearest snapshot ({@link ChainStore#nearestSnapshot}), which the directory store
 * answers from one index entry, so neither opening nor a read grows with the chain. Records are read
 * when a version needs them and kept in a small cache; the newest state is rebuilt on first need. A
 * damaged record or snapshot is remembered and fails only the versions that depend on it
 * ({@link DamagedVersionException}); a damaged snapshot is bypassed from the snapshot before it.
 *
 * <p>Two kinds: versions held in memory for a rewrite ({@link #empty}, {@link #only},
 * {@link #foldOldest}), which {@link DeltaChain} stores with {@link ChainStore#replace} and then
 * reads back through {@link #backedBy}; and versions backed by a store ({@link #open}).
 *
 * <p>Length and the snapshot list change only under the chain's write lock; the caches are safe
 * for the many readers the chain's read lock lets in.
 */
final class ChainVersions<S> {
    /** Records kept decoded; a rebuild applies fewer than {@code snapshotEvery} (default 32) of them. */
    static final int CACHED_RECORDS = 64;

    private final DeltaCompressor<S> compressor;
    /** Null for versions held in memory for a rewrite. */
    private final ChainStore store;
    /** The store's generation these versions were read from (see {@link #checkUnchanged}). */
    private final long generation;
    /** The oldest version held: 0 unless retention dropped the ones before it. */
    private final int first;
    /** One past the newest version's index. */
    private int length;
    /**
     * Versions below {@link #length} that have a snapshot; null for store-backed versions until something
     * needs them all ({@link #snapshotList()}). Guarded by this.
     */
    private TreeSet<Integer> snapshotIndices;
    /** A rewrite's records and snapshots, not stored yet; empty for store-backed versions. */
    private final Map<Integer, DeltaRecord> heldRecords;
    private final TreeMap<Integer, byte[]> heldSnapshots;
    /** Least recently used first; guarded by itself. */
    private final LinkedHashMap<Integer, DeltaRecord> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, DeltaRecord> eldest) {
            return size() > CACHED_RECORDS;
        }
    };
    /**
     * The states of the snapshots read last, bounded by {@link #SNAPSHOT_CACHE_BYTES} (their canonical bytes,
     * counted twice for the state objects): a read starts from one without decoding or hashing it again.
     * Guarded by itself; states in it are never handed out (a read of a snapshot's own version copies).
     */
    private final LinkedHashMap<Integer, PreparedState<S>> snapshotStates = new LinkedHashMap<>(16, 0.75f, true);
    private long snapshotStateBytes;
    /** What is wrong with the record (or snapshot) of a version, once found. */
    private final Map<Integer, String> recordFaults = new ConcurrentHashMap<>();
    private final Map<Integer, String> snapshotFaults = new ConcurrentHashMap<>();
    private volatile PreparedState<S> current;
    /** Sums over every readable record and the base snapshot, computed on first need; guarded by this. */
    private long[] totals;

    private ChainVersions(DeltaCompressor<S> compressor, ChainStore store, long generation, int first, int length,
                          TreeSet<Integer> snapshotIndices,
                          Map<Integer, DeltaRecord> heldRecords, TreeMap<Integer, byte[]> heldSnapshots,
                          PreparedState<S> current) {
        this.compressor = compressor;
        this.store = store;
        this.generation = generation;
        this.first = first;
        this.length = length;
        this.snapshotIndices = snapshotIndices;
        this.heldRecords = heldRecords;
        this.heldSnapshots = heldSnapshots;
        this.current = current;
    }

    /** @return a chain with no version, held in memory */
    static <S> ChainVersions<S> empty(DeltaCompressor<S> compressor) {
        return new ChainVersions<>(compressor, null, -1, 0, 0, new TreeSet<>(), Map.of(), new TreeMap<>(), null);
    }

    /** @return a chain whose only version is {@code base}, held in memory */
    static <S> ChainVersions<S> only(DeltaCompressor<S> compressor, PreparedState<S> base) {
        TreeMap<Integer, byte[]> snapshots = new TreeMap<>();
        snapshots.put(0, base.bytes);
        return new ChainVersions<>(compressor, null, -1, 0, 1, new TreeSet<>(snapshots.keySet()), Map.of(), snapshots,
                base);
    }

    /**
     * @param compressor the compressor the records were made with
     * @param records the record of each version after the first
     * @param snapshots the snapshot states, the first version's among them (the oldest: the first version)
     * @param current the newest version
     * @return these versions, held in memory
     */
    static <S> ChainVersions<S> held(DeltaCompressor<S> compressor, Map<Integer, DeltaRecord> records,
                                     TreeMap<Integer, byte[]> snapshots, PreparedState<S> current) {
        int first = snapshots.firstKey();
        return new ChainVersions<>(compressor, null, -1, first, first + records.size() + 1,
                new TreeSet<>(snapshots.keySet()), records, snapshots, current);
    }

    /**
     * @param i a version after the first
     * @param state the state of version {@code i - 1}
     * @return the state of version {@code i}, its record applied and hash-checked
     * @throws DamagedVersionException when its record does not read or does not produce its target
     */
    PreparedState<S> next(int i, PreparedState<S> state) {
        DeltaRecord r = record(i);
        try {
            return compressor.apply(state, r);
        } catch (DeltaException e) {
            throw unreadable(i, where(store, i) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The versions {@code head} counts, read on demand from {@code store}. Reads nothing yet.
     *
     * @param head the stored manifest: its length and generation
     */
    static <S> ChainVersions<S> open(ChainStore store, ChainManifest head, DeltaCompressor<S> compressor) {
        return new ChainVersions<>(compressor, store, head.generation(), head.first(), head.length(), null, Map.of(),
                new TreeMap<>(), null);
    }

    /**
     * @param head the manifest as {@code target} stored these versions
     * @return these versions, now that {@code target} holds them, read from it; the newest state is kept
     */
    synchronized ChainVersions<S> backedBy(ChainStore target, ChainManifest head) {
        return new ChainVersions<>(compressor, target, head.generation(), first, length,
                snapshotIndices == null ? null : new TreeSet<>(snapshotIndices), Map.of(), new TreeMap<>(), current);
    }

    /**
     * @return the versions below {@link #length} that have a snapshot, read from the store on first need
     *     (for the directory store, every index entry, each one checked)
     */
    private synchronized TreeSet<Integer> snapshotList() {
        if (snapshotIndices == null) {
            snapshotIndices = new TreeSet<>(store.snapshotIndices().headSet(length));
        }
        return snapshotIndices;
    }

    /**
     * @return the newest version at or before {@code index} that has a snapshot, -1 for none: from the
     *     list when it was read, else from the store, without reading the list
     * @throws DamagedVersionException for version {@code asked} when the store cannot tell
     */
    private int snapshotAtOrBefore(int index, int asked) {
        if (index < first) {
            return -1;
        }
        TreeSet<Integer> list;
        synchronized (this) {
            list = snapshotIndices;
        }
        if (list != null) {
            Integer s = list.floor(index);
            return s == null ? -1 : s;
        }
        try {
            return store.nearestSnapshot(index).orElse(-1);
        } catch (CorruptDeltaException | ChainStoreException e) {
            throw unreadable(asked, "where its rebuild starts is unknown: " + e.getMessage(), e);
        }
    }

    /** @return one past the newest version's index (0 when there is none) */
    int length() {
        return length;
    }

    /** @return the oldest version held: 0 unless retention dropped the ones before it */
    int first() {
        return first;
    }

    /** @return how many versions are held */
    int count() {
        return length - first;
    }

    /**
     * @return the record producing version {@code index}, null for the first version
     * @throws DamagedVersionException when that record is damaged
     */
    DeltaRecord record(int index) {
        if (index == first) {
            return null;
        }
        DeltaRecord r;
        try {
            r = loadRecord(index, true);
        } catch (CorruptDeltaException | StateMismatchException | ChainStoreException e) {
            checkUnchanged();
            throw new DamagedVersionException(index, "the delta of version " + index + " cannot be read: "
                    + e.getMessage(), "its delta cannot be read: " + e.getMessage(), e);
        }
        checkUnchanged();
        return r;
    }

    /**
     * @return the newest version, rebuilt on first need; null when there is none
     * @throws DamagedVersionException when it depends on a damaged record or snapshot
     */
    PreparedState<S> current() {
        PreparedState<S> c = current;
        if (c == null && length > 0) {
            synchronized (this) {
                c = current;
                if (c == null) {
                    c = rebuild(length - 1);
                    current = c;
                }
            }
        }
        return c;
    }

    /** @return the canonical bytes of the first version */
    byte[] baseBytes() {
        byte[] bytes;
        try {
            bytes = snapshotBytes(first);
        } catch (CorruptDeltaException | ChainStoreException e) {
            checkUnchanged();
            throw new DamagedVersionException(first, "version " + first + " cannot be read: " + e.getMessage(),
                    e.getMessage(), e);
        }
        checkUnchanged();
        return bytes;
    }

    /** @return a rewrite's snapshots by version, unmodifiable */
    SortedMap<Integer, byte[]> snapshots() {
        return Collections.unmodifiableSortedMap(heldSnapshots);
    }

    /** @return the wire bytes of a rewrite's records by version */
    SortedMap<Integer, byte[]> recordWires() {
        TreeMap<Integer, byte[]> wire = new TreeMap<>();
        heldRecords.forEach((i, r) -> wire.put(i, r.toBytes()));
        return wire;
    }

    /** Adds the version {@code record} produces, just stored; {@code snapshot} says whether its bytes were kept too. */
    void append(DeltaRecord record, PreparedState<S> next, boolean snapshot) {
        int index = length;
        synchronized (this) {
            if (snapshot && snapshotIndices != null) {
                snapshotIndices.add(index); // else the store's list, read when needed, counts it
            }
        }
        synchronized (cache) {
            cache.put(index, record);
        }
        synchronized (this) {
            if (totals != null) {
                totals[0] += record.changes();
                totals[1] += record.removals();
                totals[2] += record.rawSize();
            }
            length = index + 1;
            current = next;
        }
    }

    /**
     * @return version {@code index}, rebuilt from the nearest usable snapshot at or before it, every hash checked
     * @throws DamagedVersionException when it depends on a damaged record, or no snapshot before it is usable
     */
    PreparedState<S> rebuild(int index) {
        PreparedState<S> state;
        try {
            state = rebuildFromStore(index);
        } catch (DamagedVersionException e) {
            checkUnchanged();
            throw e;
        }
        checkUnchanged();
        return state;
    }

    /**
     * Refuses what was just read when another writer rewrote the chain meanwhile: the store's reads carry
     * no generation, so a read that overlapped a rebase, merge or clear may have returned the new chain's
     * bytes (or failed on a deleted file). Generations only grow, so reading the head after the data and
     * finding the generation these versions were read from proves the data was theirs. Forgets what the
     * overlapping reads cached or took for damage.
     *
     * @throws ChainRewrittenException when the store's head is of another generation now
     */
    private void checkUnchanged() {
        if (store == null) {
            return;
        }
        long now;
        try {
            now = store.generation();
        } catch (DeltaException e) {
            return; // a head that cannot be read is damage, which the read itself reports
        }
        if (now == generation) {
            return;
        }
        synchronized (cache) {
            cache.clear();
        }
        synchronized (snapshotStates) {
            snapshotStates.clear();
            snapshotStateBytes = 0;
        }
        recordFaults.clear();
        snapshotFaults.clear();
        synchronized (this) {
            snapshotIndices = null;
            totals = null;
        }
        throw new ChainRewrittenException("another writer rewrote the chain in " + store + " (rebased, merged or"
                + " cleared it) since this chain read it (generation " + generation + ", now "
                + (now < 0 ? "no chain" : String.valueOf(now)) + "): its versions are numbered anew; call"
                + " refresh() and read again", generation, now);
    }

    private PreparedState<S> rebuildFromStore(int index) {
        DeltaException snapshotFault = null;
        for (int s = snapshotAtOrBefore(index, index); s >= 0; s = snapshotAtOrBefore(s - 1, index)) {
            PreparedState<S> state;
            try {
                state = snapshotState(s);
            } catch (CorruptDeltaException | StateMismatchException | InvalidStateException | ChainStoreException e) {
                snapshotFault = snapshotFault != null ? snapshotFault : e;
                continue; // an earlier snapshot and the records after it rebuild the same versions
            } catch (LimitExceededException e) { // a snapshot these limits cannot decode: the earlier one may do
                snapshotFault = snapshotFault != null ? snapshotFault
                        : new CorruptDeltaException("snapshot of version " + s + ": " + e.getMessage(), e);
                continue;
            }
            if (index == s) {
                return state.withState(compressor.stateFormat().copy(state.state)); // the cached one stays ours
            }
            PreparedState<S> linked = index > s + 1 ? applyLinked(state, s, index) : null;
            if (linked != null) {
                return linked;
            }
            for (int i = s + 1; i <= index; i++) {
                state = applyRecord(state, i, index); // every step hashed: what names a fault
            }
            return state;
        }
        String why = snapshotFault != null ? snapshotFault.getMessage() : "snapshot of version " + first + ": missing";
        throw unreadable(index, why + "; no earlier snapshot can stand in for it", snapshotFault);
    }

    /**
     * The records from snapshot {@code s} to {@code index} applied without hashing the states between: their
     * headers must link (each base hash the target hash before it, the first the snapshot's), and the last
     * state must hash to the last target hash, so what is returned is exactly version {@code index}.
     *
     * @return it, or null when anything does not hold (the caller goes step by step, hashing each, to name it)
     */
    private PreparedState<S> applyLinked(PreparedState<S> snapshot, int s, int index) {
        List<DeltaRecord> records = new ArrayList<>(index - s);
        byte[] expect = snapshot.hash;
        for (int i = s + 1; i <= index; i++) {
            DeltaRecord r;
            try {
                r = loadRecord(i, true);
            } catch (CorruptDeltaException | StateMismatchException | ChainStoreException e) {
                throw unreadable(index, e.getMessage(), e); // what the step-by-step reading throws for it
            }
            if (!r.sameHash(expect, false)) {
                return null;
            }
            expect = r.targetHash();
            records.add(r);
        }
        try {
            PreparedState<S> state = snapshot;
            for (DeltaRecord r : records) {
                state = compressor.applyLinked(state, r);
            }
            PreparedState<S> last = PreparedState.of(compressor.stateFormat(), state.state);
            return records.get(records.size() - 1).sameHash(last.hash, true) ? last : null;
        } catch (DeltaException e) {
            return null;
        }
    }

    /**
     * @return the error for version {@code version}, which cannot be read because of {@code why}, with the API's
     *     advice in its message (and {@code why} alone as its {@link DamagedVersionException#reason()})
     */
    private static DamagedVersionException unreadable(int version, String why, Throwable cause) {
        return new DamagedVersionException(version, "version " + version + " cannot be read: " + why + "; the versions"
                + " that do not depend on it still read (damagedVersions() names every one that cannot, verify() every"
                + " fault)", why, cause);
    }

    private PreparedState<S> applyRecord(PreparedState<S> state, int i, int asked) {
        try {
            DeltaRecord r = loadRecord(i, true);
            try {
                return compressor.apply(state, r);
            } catch (StateMismatchException | CorruptDeltaException e) {
                String fault = where(store, i) + ": " + e.getMessage();
                recordFaults.put(i, fault);
                throw new CorruptDeltaException(fault, e);
            }
        } catch (CorruptDeltaException | StateMismatchException | ChainStoreException e) {
            throw unreadable(asked, e.getMessage(), e);
        }
    }

    /** The record of version {@code i}, checked: its CRC (the wire reader), index and state format. */
    private DeltaRecord loadRecord(int i, boolean keep) {
        DeltaRecord held = heldRecords.get(i);
        if (held != null) {
            return held;
        }
        synchronized (cache) {
            DeltaRecord cached = cache.get(i);
            if (cached != null) {
                return cached;
            }
        }
        String fault = recordFaults.get(i);
        if (fault != null) {
            throw new CorruptDeltaException(fault);
        }
        DeltaRecord r;
        try {
            r = DeltaRecord.fromBytes(store.readRecord(i), compressor.limits());
        } catch (CorruptDeltaException e) {
            recordFaults.put(i, where(store, i) + ": " + e.getMessage());
            throw new CorruptDeltaException(recordFaults.get(i), e);
        } catch (ChainStoreException e) {
            throw new ChainStoreException(where(store, i) + ": " + e.getMessage(), e);
        }
        String formatId = compressor.stateFormat().id();
        if (r.index() != i) { // where() may read the store: only for the message
            try {
                RecordChecks.index(r, i, where(store, i), "the store's files were damaged or mixed up; verify() lists"
                        + " every fault");
            } catch (RecordIndexMismatchException e) {
                recordFaults.put(i, e.getMessage());
                throw e;
            }
        }
        if (!r.stateFormatId().equals(formatId)) {
            recordFaults.put(i, where(store, i) + ": holds record #" + r.index() + " of " + r.stateFormatId() + " states");
            throw new CorruptDeltaException(recordFaults.get(i));
        }
        if (keep) {
            synchronized (cache) {
                cache.put(i, r);
            }
        }
        return r;
    }

    private byte[] snapshotBytes(int s) {
        byte[] held = heldSnapshots.get(s);
        if (held != null) {
            return held;
        }
        String fault = snapshotFaults.get(s);
        if (fault != null) {
            throw new CorruptDeltaException(fault);
        }
        try {
            return store.readSnapshot(s);
        } catch (CorruptDeltaException e) {
            snapshotFaults.put(s, "snapshot of version " + s + ": " + e.getMessage());
            throw new CorruptDeltaException(snapshotFaults.get(s), e);
        } catch (ChainStoreException e) {
            throw new ChainStoreException("snapshot of version " + s + ": " + e.getMessage(), e);
        }
    }

    /**
     * The state of snapshot {@code s}, checked against the target hash of its record, or, when that does not
     * read (the first version has none), the base hash of the next version's record: a frame's CRC proves its bytes
     * whole, not which version they are (an index entry that points at another version's frames).
     */
    private PreparedState<S> snapshotState(int s) {
        synchronized (snapshotStates) {
            PreparedState<S> cached = snapshotStates.get(s);
            if (cached != null) {
                return cached;
            }
        }
        PreparedState<S> state = checkedSnapshotState(s);
        long cost = 2L * state.bytes.length;
        if (store != null && cost <= SNAPSHOT_CACHE_BYTES / 4) {
            synchronized (snapshotStates) {
                if (snapshotStates.put(s, state) == null) {
                    snapshotStateBytes += cost;
                }
                var eldest = snapshotStates.entrySet().iterator();
                while (snapshotStateBytes > SNAPSHOT_CACHE_BYTES && eldest.hasNext()) {
                    snapshotStateBytes -= 2L * eldest.next().getValue().bytes.length;
                    eldest.remove();
                }
            }
        }
        return state;
    }

    /** The bound on {@link #snapshotStates}: 32 MiB. */
    static final long SNAPSHOT_CACHE_BYTES = 32L << 20;

    private PreparedState<S> checkedSnapshotState(int s) {
        byte[] bytes = snapshotBytes(s);
        PreparedState<S> state = PreparedState.of(compressor.stateFormat().fromBytes(bytes, compressor.limits()), bytes);
        DeltaRecord r = s > first ? readableRecord(s) : null;
        byte[] target = r != null ? r.targetHash() : s > first ? recordTargetHash(store, s) : null;
        if (target != null && !java.util.Arrays.equals(target, state.hash)) {
            snapshotFaults.put(s, "snapshot of version " + s + ": does not hash to the state its record produces");
            throw new StateMismatchException(snapshotFaults.get(s));
        }
        DeltaRecord next = target == null && s + 1 < length() ? readableRecord(s + 1) : null;
        if (next != null && !next.sameHash(state.hash, false)) {
            snapshotFaults.put(s, snapshotNotBaseOfNext(s, s == first, store));
            throw new StateMismatchException(snapshotFaults.get(s));
        }
        return state;
    }

    /**
     * @return the target hash the record of version {@code s} names when the record does not read whole but its
     *     own bytes do (its base hash is in a damaged record before it), else null
     */
    static byte[] recordTargetHash(ChainStore store, int s) {
        if (store == null) {
            return null;
        }
        try {
            return store.recordTargetHash(s);
        } catch (DeltaException e) {
            return null;
        }
    }

    /** @return the fault of snapshot {@code s} when it is not the state the record of version {@code s + 1} starts from */
    static String snapshotNotBaseOfNext(int s, boolean firstVersion, ChainStore store) {
        return "snapshot of version " + s + ": does not hash to the state the record of version " + (s + 1)
                + " starts from" + (firstVersion ? "" : ", and its own record does not read") + " (the frame is whole, so it"
                + " is another version's: its index entry points at the wrong frames" + (store == null ? ""
                : "; 'delta chain salvage --from-frames' reads the versions from the frames in their order") + ")";
    }

    private DeltaRecord readableRecord(int i) {
        try {
            return loadRecord(i, true);
        } catch (CorruptDeltaException | ChainStoreException e) {
            return null; // the snapshot's own CRC vouches for it
        }
    }

    /**
     * Every version that cannot be read, with the fault that stops it, from one pass over the records
     * and snapshots: CRCs, indices, links between records, snapshots against their records' hashes. No
     * state is rebuilt, so a payload that passes its CRC but applies wrongly is found only by a read or
     * by {@link ChainAudit}.
     */
    SortedMap<Integer, String> damaged() {
        TreeMap<Integer, String> out = new TreeMap<>();
        String pathFault = null;
        byte[] previousTarget = null;
        TreeSet<Integer> snapshots = snapshotList();
        for (int i = first; i < length; i++) {
            DeltaRecord r = null;
            String recordFault = null;
            if (i > first) {
                try {
                    r = loadRecord(i, false);
                } catch (CorruptDeltaException | ChainStoreException e) {
                    recordFault = e.getMessage();
                }
                if (r != null && previousTarget != null && !r.sameHash(previousTarget, false)) {
                    recordFault = where(store, i) + ": starts from a state the version before does not end at";
                }
            }
            byte[] snapshotHash = null;
            String snapshotFault = i == first && !snapshots.contains(first) ? missingBase(store, first) : null;
            if (snapshots.contains(i)) {
                try {
                    snapshotHash = Sha256.of(snapshotBytes(i));
                    byte[] target = r != null ? r.targetHash() : i > first ? recordTargetHash(store, i) : null;
                    if (target != null && !java.util.Arrays.equals(target, snapshotHash)) {
                        snapshotFault = "snapshot of version " + i + ": does not hash to the state its record produces";
                        snapshotHash = null;
                    }
                } catch (CorruptDeltaException | ChainStoreException e) {
                    snapshotFault = e.getMessage();
                }
            }
            if (snapshotHash != null) {
                pathFault = null;
            } else if (i == first) {
                pathFault = snapshotFault;
            } else if (pathFault == null && recordFault != null) {
                pathFault = recordFault;
            }
            String known = recordFaults.get(i);
            if (snapshotHash == null && pathFault == null && known != null) {
                pathFault = known; // found when a read applied it
            }
            if (pathFault != null) {
                out.put(i, pathFault);
            }
            previousTarget = r != null ? r.targetHash() : snapshotHash;
        }
        checkUnchanged();
        return out;
    }

    /**
     * @param versions how many versions the result holds, at least 2 and fewer than now
     * @return these versions with the first k deltas folded into one, every version renumbered from 0, held in
     *     memory; this is unchanged
     * @throws DamagedVersionException when a record to fold or keep is damaged
     */
    ChainVersions<S> foldOldest(int versions) {
        int k = count() - versions + 1;
        List<DeltaRecord> oldest = new ArrayList<>();
        for (int i = first + 1; i <= first + k; i++) {
            oldest.add(record(i));
        }
        DeltaRecord merged;
        try {
            merged = compressor.merge(oldest).orElseThrow();
        } catch (UnsupportedDeltaOperationException e) {
            S base = compressor.stateFormat().fromBytes(baseBytes(), compressor.limits());
            merged = compressor.merge(base, oldest).orElseThrow();
        }
        Map<Integer, DeltaRecord> kept = new TreeMap<>();
        kept.put(1, merged.withIndex(1));
        for (int i = first + k + 1; i < length; i++) {
            kept.put(kept.size() + 1, record(i).withIndex(kept.size() + 1));
        }
        TreeMap<Integer, byte[]> keptSnapshots = new TreeMap<>();
        keptSnapshots.put(0, baseBytes());
        for (int i : snapshotList().tailSet(first + k, true)) {
            keptSnapshots.put(i - first - k + 1, snapshotBytes(i));
        }
        return new ChainVersions<>(compressor, null, -1, 0, kept.size() + 1, new TreeSet<>(keptSnapshots.keySet()),
                kept, keptSnapshots, current());
    }

    /**
     * @return the shape and cost of these versions, with the counts and stored bytes given; the sums
     *     over the records are read once (damaged records left out) and kept up to date by {@link #append}
     */
    ChainMetrics metrics(long rebaselines, long optimisations, long storedBytes) {
        long[] sums = totals();
        TreeSet<Integer> snapshots = snapshotList();
        int longest = 0;
        int previous = first - 1;
        for (int s : snapshots) {
            longest = Math.max(longest, s - previous - 1);
            previous = s;
        }
        longest = Math.max(longest, length - 1 - previous);
        return new ChainMetrics(count(), rebaselines, optimisations, sums[0], sums[1], sums[2], storedBytes,
                snapshots.size(), length == 0 ? 0 : longest, (int) sums[3]);
    }

    private synchronized long[] totals() {
        if (totals == null) {
            long[] sums = new long[4]; // changes, removals, raw bytes, versions whose size is unknown
            if (length > 0) {
                try {
                    sums[2] += snapshotBytes(first).length;
                } catch (CorruptDeltaException | ChainStoreException e) {
                    sums[3]++; // a damaged base's size is unknown; damagedVersions() names it
                }
            }
            for (int i = first + 1; i < length; i++) {
                try {
                    DeltaRecord r = loadRecord(i, false);
                    sums[0] += r.changes();
                    sums[1] += r.removals();
                    sums[2] += r.rawSize();
                } catch (CorruptDeltaException | ChainStoreException e) {
                    sums[3]++; // left out; damagedVersions() names it
                }
            }
            totals = sums;
        }
        return totals.clone();
    }

    /** @return the hash of the newest state if it was already rebuilt, without rebuilding it */
    byte[] currentHashIfKnown() {
        PreparedState<S> c = current;
        return c == null ? null : c.hash.clone();
    }

    /**
     * @return why a store's snapshot list lacks its first version, {@code first}: the store's own words when
     *     reading it fails (its index entry is damaged, say), else "missing"
     */
    static String missingBase(ChainStore store, int first) {
        try {
            if (store != null) {
                store.readSnapshot(first);
            }
        } catch (DeltaException e) {
            return "snapshot of version " + first + ": " + e.getMessage();
        }
        return "snapshot of version " + first + ": missing";
    }

    /** @return where the record of version {@code index} is kept, as a fault message names it */
    static String where(ChainStore store, int index) {
        return store != null ? store.describeRecord(index) : "record of version " + index;
    }
}
