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
    private final List<String> problems = new ArrayList<>();
    private final List<DeltaRecord> records = new ArrayList<>();
    private PreparedState<S> last;
    private int checked;

    private final ChainStore store;
    private final DeltaCompressor<S> compressor;

    private ChainAudit(ChainStore store, DeltaCompressor<S> compressor) {
        this.store = store;
        this.compressor = compressor;
    }

    private static <S> ChainAudit<S> run(ChainStore store, DeltaCompressor<S> compressor, int length) {
        ChainAudit<S> audit = new ChainAudit<>(store, compressor);
        audit.replay(length);
        return audit;
    }

    /** @return what replaying the {@code length} stored versions found */
    static <S> ChainVerification verifyStored(ChainStore store, DeltaCompressor<S> compressor, int length) {
        ChainAudit<S> audit = run(store, compressor, length);
        return new ChainVerification(audit.checked, audit.problems);
    }

    /** @return what replaying the stored chain found, and where it differs from an open chain's {@code versions} */
    static <S> ChainVerification verifyOpen(ChainStore store, DeltaCompressor<S> compressor, ChainVersions<S> versions) {
        List<String> problems = new ArrayList<>();
        int length = versions.length();
        try {
            int stored = store.readManifest().map(ChainManifest::length).orElse(0);
            if (stored != length) {
                problems.add("manifest: counts " + stored + " versions, the chain " + length);
            }
        } catch (DeltaException e) {
            problems.add("manifest: " + e.getMessage());
        }
        ChainAudit<S> audit = run(store, compressor, length);
        problems.addAll(audit.problems);
        for (int i = 1; i < length; i++) {
            DeltaRecord read = audit.records.get(i);
            if (read != null && !read.equals(versions.record(i))) {
                problems.add("record of version " + i + ": the stored record differs from the one in memory");
            }
        }
        PreparedState<S> current = versions.current();
        if (audit.last != null && current != null && !Arrays.equals(audit.last.hash, current.hash)) {
            problems.add("version " + (length - 1) + ": rebuilt state differs from the current state");
        }
        return new ChainVerification(audit.checked, problems);
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
