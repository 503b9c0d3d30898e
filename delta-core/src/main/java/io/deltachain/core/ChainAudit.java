package io.deltachain.core;

import io.deltachain.core.internal.Sha256;
import io.deltachain.api.DeltaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-reads a stored chain and replays it: every record and snapshot CRC, every link between
 * records, every hash. Collects faults instead of stopping at the first; never throws for bad data.
 */
final class ChainAudit<S> {
    final List<String> problems = new ArrayList<>();
    final List<DeltaRecord> records = new ArrayList<>();
    PreparedState<S> last;
    int checked;

    private final ChainStore store;
    private final DeltaCompressor<S> compressor;

    private ChainAudit(ChainStore store, DeltaCompressor<S> compressor) {
        this.store = store;
        this.compressor = compressor;
    }

    static <S> ChainAudit<S> run(ChainStore store, DeltaCompressor<S> compressor, int length) {
        ChainAudit<S> audit = new ChainAudit<>(store, compressor);
        audit.replay(length);
        return audit;
    }

    private void replay(int length) {
        Map<Integer, byte[]> snapshotHashes = new TreeMap<>();
        for (int index : read("snapshot list", store::snapshotIndices, java.util.Set.<Integer>of())) {
            if (index < length) {
                byte[] bytes = read("snapshot of version " + index, () -> store.readSnapshot(index), null);
                if (bytes != null) {
                    snapshotHashes.put(index, Sha256.of(bytes));
                }
            }
        }
        if (length > 0 && !snapshotHashes.containsKey(0) && problems.isEmpty()) {
            problems.add("snapshot of version 0: missing");
        }
        records.add(null);
        for (int i = 1; i < length; i++) {
            int index = i;
            DeltaRecord r = read("record of version " + i,
                    () -> DeltaRecord.fromBytes(store.readRecord(index), compressor.limits()), null);
            if (r != null && r.index() != i) {
                problems.add("record of version " + i + ": holds record #" + r.index());
            }
            DeltaRecord previous = records.get(i - 1);
            if (r != null && previous != null && !Arrays.equals(previous.targetHash(), r.baseHash())) {
                problems.add("record of version " + i + ": starts from a state the previous record does not end at");
            }
            records.add(r);
        }
        PreparedState<S> state = null;
        for (int i = 0; i < length; i++) {
            int index = i;
            PreparedState<S> rebuilt = null;
            if (i > 0 && state != null && records.get(i) != null) {
                PreparedState<S> from = state;
                rebuilt = read("version " + i, () -> compressor.apply(from, records.get(index)), null);
            }
            byte[] snapshotHash = snapshotHashes.get(i);
            if (snapshotHash != null && rebuilt != null && !Arrays.equals(rebuilt.hash, snapshotHash)) {
                problems.add("snapshot of version " + i + ": does not hash to the state the deltas rebuild");
            }
            if (snapshotHash != null && rebuilt == null) {
                rebuilt = read("snapshot of version " + i, () -> {
                    byte[] bytes = store.readSnapshot(index);
                    return PreparedState.of(compressor.stateFormat().fromBytes(bytes, compressor.limits()), bytes);
                }, null);
            }
            state = rebuilt;
            if (state != null) {
                checked++;
            }
        }
        last = state;
    }

    private interface Read<T> {
        T get();
    }

    private <T> T read(String what, Read<T> read, T fallback) {
        try {
            return read.get();
        } catch (DeltaException e) {
            problems.add(what + ": " + e.getMessage());
            return fallback;
        }
    }
}
