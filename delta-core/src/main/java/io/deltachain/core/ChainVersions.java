package io.deltachain.core;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.StateMismatchException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import io.deltachain.spi.StateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The version index of a {@link DeltaChain} in memory: the record that produces each version, the
 * snapshots, and the newest state. Not thread-safe: the chain's lock guards it.
 */
final class ChainVersions<S> {
    private final DeltaCompressor<S> compressor;
    /** records.get(i) produces version i; records.get(0) is null (the base). */
    private final List<DeltaRecord> records;
    private final TreeMap<Integer, byte[]> snapshots;
    private PreparedState<S> current;

    private ChainVersions(DeltaCompressor<S> compressor, List<DeltaRecord> records, TreeMap<Integer, byte[]> snapshots,
                          PreparedState<S> current) {
        this.compressor = compressor;
        this.records = records;
        this.snapshots = snapshots;
        this.current = current;
    }

    /** @return a chain with no version */
    static <S> ChainVersions<S> empty(DeltaCompressor<S> compressor) {
        return new ChainVersions<>(compressor, new ArrayList<>(), new TreeMap<>(), null);
    }

    /** @return a chain whose only version is {@code base} */
    static <S> ChainVersions<S> only(DeltaCompressor<S> compressor, PreparedState<S> base) {
        List<DeltaRecord> records = new ArrayList<>();
        records.add(null);
        TreeMap<Integer, byte[]> snapshots = new TreeMap<>();
        snapshots.put(0, base.bytes);
        return new ChainVersions<>(compressor, records, snapshots, base);
    }

    /**
     * Reads the {@code length} versions a manifest counts, checking every record's CRC and every hash
     * on the way to the newest.
     */
    static <S> ChainVersions<S> load(ChainStore store, int length, DeltaCompressor<S> compressor) {
        ChainVersions<S> v = empty(compressor);
        if (length == 0) {
            return v;
        }
        for (int index : store.snapshotIndices()) {
            if (index < length) {
                v.snapshots.put(index, store.readSnapshot(index));
            }
        }
        if (!v.snapshots.containsKey(0)) {
            throw new ChainStoreException(store + " lacks the snapshot of version 0");
        }
        String formatId = compressor.stateFormat().id();
        v.records.add(null);
        for (int i = 1; i < length; i++) {
            DeltaRecord r;
            try {
                r = DeltaRecord.fromBytes(store.readRecord(i), compressor.limits());
            } catch (CorruptDeltaException e) {
                throw new CorruptDeltaException("record of version " + i + " in " + store + ": " + e.getMessage(), e);
            }
            if (r.index() != i || !r.stateFormatId().equals(formatId)) {
                throw new CorruptDeltaException("record file of version " + i + " holds record #" + r.index() + " of "
                        + r.stateFormatId() + " states");
            }
            v.records.add(r);
        }
        v.current = v.rebuild(length - 1);
        return v;
    }

    int length() {
        return records.size();
    }

    /** @return the record producing version {@code index}, null for version 0 */
    DeltaRecord record(int index) {
        return records.get(index);
    }

    /** @return the newest version, null when there is none */
    PreparedState<S> current() {
        return current;
    }

    /** @return the canonical bytes of version 0 */
    byte[] baseBytes() {
        return snapshots.get(0);
    }

    /** @return the snapshots by version, unmodifiable */
    SortedMap<Integer, byte[]> snapshots() {
        return Collections.unmodifiableSortedMap(snapshots);
    }

    /** @return the wire bytes of every record by version */
    SortedMap<Integer, byte[]> recordWires() {
        TreeMap<Integer, byte[]> wire = new TreeMap<>();
        for (int i = 1; i < records.size(); i++) {
            wire.put(i, records.get(i).toBytes());
        }
        return wire;
    }

    /** Adds the version {@code record} produces; {@code snapshot} says whether its bytes are kept too. */
    void append(DeltaRecord record, PreparedState<S> next, boolean snapshot) {
        if (snapshot) {
            snapshots.put(records.size(), next.bytes);
        }
        records.add(record);
        current = next;
    }

    /** @return version {@code index}, rebuilt from the nearest snapshot at or before it, every hash checked */
    PreparedState<S> rebuild(int index) {
        StateFormat<S> format = compressor.stateFormat();
        Map.Entry<Integer, byte[]> snapshot = snapshots.floorEntry(index);
        byte[] bytes = snapshot.getValue();
        PreparedState<S> state = PreparedState.of(format.fromBytes(bytes, compressor.limits()), bytes);
        if (snapshot.getKey() > 0 && !records.get(snapshot.getKey()).sameHash(state.hash, true)) {
            throw new StateMismatchException("snapshot of version " + snapshot.getKey()
                    + " does not hash to the state its record produces; run verify()");
        }
        for (int i = snapshot.getKey() + 1; i <= index; i++) {
            state = compressor.apply(state, records.get(i));
        }
        return state;
    }

    /**
     * @param versions how many versions the result holds, at least 2 and fewer than now
     * @return these versions with deltas 1..k folded into one, later ones renumbered; this is unchanged
     */
    ChainVersions<S> foldOldest(int versions) {
        int k = records.size() - versions + 1;
        List<DeltaRecord> oldest = List.copyOf(records.subList(1, k + 1));
        DeltaRecord merged;
        try {
            merged = compressor.merge(oldest).orElseThrow();
        } catch (UnsupportedDeltaOperationException e) {
            S base = compressor.stateFormat().fromBytes(snapshots.get(0), compressor.limits());
            merged = compressor.merge(base, oldest).orElseThrow();
        }
        List<DeltaRecord> kept = new ArrayList<>();
        kept.add(null);
        kept.add(merged.withIndex(1));
        for (int i = k + 1; i < records.size(); i++) {
            kept.add(records.get(i).withIndex(kept.size()));
        }
        TreeMap<Integer, byte[]> keptSnapshots = new TreeMap<>();
        keptSnapshots.put(0, snapshots.get(0));
        snapshots.tailMap(k, true).forEach((i, bytes) -> keptSnapshots.put(i - k + 1, bytes));
        return new ChainVersions<>(compressor, kept, keptSnapshots, current);
    }

    /** @return the shape and cost of these versions, with the counts and stored bytes given */
    ChainMetrics metrics(long rebaselines, long optimisations, long storedBytes) {
        long changes = 0;
        long removals = 0;
        long raw = 0;
        int longest = 0;
        int sinceSnapshot = 0;
        for (int i = 0; i < records.size(); i++) {
            DeltaRecord r = records.get(i);
            if (r != null) {
                changes += r.changes();
                removals += r.removals();
                raw += r.rawSize();
            }
            byte[] snapshot = snapshots.get(i);
            if (snapshot != null) {
                sinceSnapshot = 0;
                if (i == 0) {
                    raw += snapshot.length;
                }
            } else {
                sinceSnapshot++;
            }
            longest = Math.max(longest, sinceSnapshot);
        }
        return new ChainMetrics(records.size(), rebaselines, optimisations, changes, removals, raw, storedBytes,
                snapshots.size(), longest);
    }
}
