package io.deltachain.core;

import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChainStore} in memory, the default. Thread-safe: one writer at a time (a lock with a timeout,
 * shared by every chain over this store), readers never wait and see a consistent head (an immutable
 * view swapped in one step). Arrays are copied in and out.
 */
public final class InMemoryChainStore implements ChainStore {
    /**
     * What readers see, swapped whole by every write. An append adds the new version's entries to the maps
     * before it swaps in the manifest that counts them, and readers look only below that manifest's length;
     * a replace builds new maps.
     */
    private record View(ChainManifest manifest, ConcurrentHashMap<Integer, byte[]> records,
                        ConcurrentSkipListMap<Integer, byte[]> snapshots) {
        static View of(ChainManifest manifest) {
            return new View(manifest, new ConcurrentHashMap<>(), new ConcurrentSkipListMap<>());
        }
    }

    private final Semaphore writer = new Semaphore(1);
    private volatile View view = View.of(null);

    @Override
    public Optional<ChainManifest> readManifest() {
        return Optional.ofNullable(view.manifest());
    }

    @Override
    public byte[] readRecord(int index) {
        View v = view;
        byte[] wire = v.manifest() != null && index < v.manifest().length() ? v.records().get(index) : null;
        if (wire == null) {
            throw new ChainStoreException("the store holds no record for version " + index);
        }
        return wire.clone();
    }

    @Override
    public byte[] readSnapshot(int index) {
        View v = view;
        byte[] bytes = v.manifest() != null && index < v.manifest().length() ? v.snapshots().get(index) : null;
        if (bytes == null) {
            throw new ChainStoreException("the store holds no snapshot for version " + index);
        }
        return bytes.clone();
    }

    @Override
    public SortedSet<Integer> snapshotIndices() {
        View v = view;
        int length = v.manifest() == null ? 0 : v.manifest().length();
        return Collections.unmodifiableSortedSet(new TreeSet<>(v.snapshots().headMap(length).keySet()));
    }

    /** @return the newest snapshot at or before {@code index} below the head's length, without copying the list */
    @Override
    public OptionalInt nearestSnapshot(int index) {
        View v = view;
        int length = v.manifest() == null ? 0 : v.manifest().length();
        Integer s = index < 0 || length == 0 ? null : v.snapshots().floorKey(Math.min(index, length - 1));
        return s == null ? OptionalInt.empty() : OptionalInt.of(s);
    }

    /** @return the lengths of the record and snapshot arrays held, summed */
    @Override
    public long storedBytes() {
        View v = view;
        long total = 0;
        for (byte[] wire : v.records().values()) {
            total += wire.length;
        }
        for (byte[] state : v.snapshots().values()) {
            total += state.length;
        }
        return total;
    }

    @Override
    public Writer lock(Duration timeout) {
        try {
            if (!writer.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ChainLockedException(this + " is locked by another writer (waited " + timeout.toMillis()
                        + " ms); retry when it has finished", toString(), ProcessHandle.current().pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainStoreException("interrupted while waiting for the writer lock of " + this, e);
        }
        return new MemoryWriter();
    }

    private final class MemoryWriter implements Writer {
        private boolean open = true;

        @Override
        public StoreRecovery recovery() {
            return StoreRecovery.CLEAN;
        }

        @Override
        public Optional<ChainManifest> manifest() {
            checkOpen();
            return readManifest();
        }

        @Override
        public ChainManifest create(ChainManifest manifest) {
            checkOpen();
            if (view.manifest() != null) {
                throw new ChainStoreException(InMemoryChainStore.this + " already holds a chain");
            }
            ChainManifest stored = manifest.withGeneration(0);
            view = View.of(stored);
            return stored;
        }

        @Override
        public ChainManifest append(ChainManifest next, byte[] recordWire, byte[] snapshotOrNull) {
            checkOpen();
            View v = view;
            ChainStores.checkFollows(v.manifest(), next, InMemoryChainStore.this);
            int index = next.length() - 1;
            v.records().put(index, recordWire.clone());
            if (snapshotOrNull != null) {
                v.snapshots().put(index, snapshotOrNull.clone());
            } else {
                v.snapshots().remove(index);
            }
            ChainManifest stored = next.withGeneration(v.manifest().generation());
            view = new View(stored, v.records(), v.snapshots());
            return stored;
        }

        @Override
        public ChainManifest replace(ChainManifest manifest, SortedMap<Integer, byte[]> snapshots,
                                     SortedMap<Integer, byte[]> records) {
            checkOpen();
            ChainStores.checkComplete(manifest, snapshots, records);
            View v = view;
            ChainManifest stored = manifest.withGeneration(v.manifest() == null ? 1 : v.manifest().generation() + 1);
            View next = View.of(stored);
            snapshots.forEach((i, b) -> next.snapshots().put(i, b.clone()));
            records.forEach((i, b) -> next.records().put(i, b.clone()));
            view = next;
            return stored;
        }

        private void checkOpen() {
            if (!open) {
                throw new ChainStoreException("this writer of " + InMemoryChainStore.this + " is closed");
            }
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                writer.release();
            }
        }
    }

    @Override
    public String toString() {
        View v = view;
        return "InMemoryChainStore[" + v.records().size() + " records, " + v.snapshots().size() + " snapshots]";
    }
}
