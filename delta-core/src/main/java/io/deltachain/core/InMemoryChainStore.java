package io.deltachain.core;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link ChainStore} in memory, the default. Thread-safe; arrays are copied in and out. */
public final class InMemoryChainStore implements ChainStore {
    private volatile ChainManifest manifest;
    private final Map<Integer, byte[]> records = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Integer, byte[]> snapshots = new ConcurrentSkipListMap<>();

    @Override
    public Optional<ChainManifest> readManifest() {
        return Optional.ofNullable(manifest);
    }

    @Override
    public void writeManifest(ChainManifest m) {
        this.manifest = m;
    }

    @Override
    public void writeRecord(int index, byte[] wire) {
        records.put(index, wire.clone());
    }

    @Override
    public byte[] readRecord(int index) {
        byte[] wire = records.get(index);
        if (wire == null) {
            throw new ChainStoreException("the store holds no record for version " + index);
        }
        return wire.clone();
    }

    @Override
    public void writeSnapshot(int index, byte[] canonicalState) {
        snapshots.put(index, canonicalState.clone());
    }

    @Override
    public byte[] readSnapshot(int index) {
        byte[] bytes = snapshots.get(index);
        if (bytes == null) {
            throw new ChainStoreException("the store holds no snapshot for version " + index);
        }
        return bytes.clone();
    }

    @Override
    public SortedSet<Integer> snapshotIndices() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(snapshots.keySet()));
    }

    /** @return the lengths of the record and snapshot arrays held, summed */
    @Override
    public long storedBytes() {
        long total = 0;
        for (byte[] wire : records.values()) {
            total += wire.length;
        }
        for (byte[] state : snapshots.values()) {
            total += state.length;
        }
        return total;
    }

    @Override
    public synchronized void clear() {
        manifest = null;
        records.clear();
        snapshots.clear();
    }

    @Override
    public synchronized void replace(ChainManifest m, java.util.SortedMap<Integer, byte[]> newSnapshots,
                                     java.util.SortedMap<Integer, byte[]> newRecords) {
        clear();
        newSnapshots.forEach(this::writeSnapshot);
        newRecords.forEach(this::writeRecord);
        writeManifest(m);
    }

    @Override
    public String toString() {
        return "InMemoryChainStore[" + records.size() + " records, " + snapshots.size() + " snapshots]";
    }
}
