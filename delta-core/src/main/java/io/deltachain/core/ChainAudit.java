package io.deltachain.core;

import io.deltachain.api.DeltaException;
import io.deltachain.core.internal.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Re-reads a stored chain and replays it in one pass, version by version: every record and snapshot
 * CRC, every record's index, every link between records, every hash. Collects every fault, each
 * naming the version and the file (where the store can tell) and the offset (where the reader can),
 * instead of stopping at the first; never throws for bad data. Holds one state and one record at a
 * time, whatever the chain's length.
 */
final class ChainAudit<S> {
    private final List<String> problems = new ArrayList<>();
    private byte[] lastHash;
    private int checked;

    private final ChainStore store;
    private final DeltaCompressor<S> compressor;

    private ChainAudit(ChainStore store, DeltaCompressor<S> compressor) {
        this.store = store;
        this.compressor = compressor;
    }

    /** @return what replaying the stored versions {@code first} to {@code length - 1} found */
    static <S> ChainVerification verifyStored(ChainStore store, DeltaCompressor<S> compressor, int first, int length) {
        ChainAudit<S> audit = new ChainAudit<>(store, compressor);
        audit.replay(first, length);
        return new ChainVerification(audit.checked, audit.problems, audit.notes());
    }

    private List<String> notes() {
        return read("layout notes", store::auditNotes, List.of());
    }

    /** @return what replaying the stored chain found, and where it differs from an open chain's {@code versions} */
    static <S> ChainVerification verifyOpen(ChainStore store, DeltaCompressor<S> compressor, ChainVersions<S> versions) {
        List<String> problems = new ArrayList<>();
        int length = versions.length();
        try {
            ChainManifest m = store.readManifest().orElse(null);
            int stored = m == null ? 0 : m.length();
            if (stored != length) {
                problems.add("manifest: counts " + stored + " versions, the chain " + length);
            }
            int storedFirst = m == null ? 0 : m.first();
            if (storedFirst != versions.first()) {
                problems.add("manifest: holds versions from " + storedFirst + " on, the chain from " + versions.first());
            }
        } catch (DeltaException e) {
            problems.add("manifest: " + e.getMessage());
        }
        ChainAudit<S> audit = new ChainAudit<>(store, compressor);
        audit.replay(versions.first(), length);
        problems.addAll(audit.problems);
        byte[] current = versions.currentHashIfKnown();
        if (audit.lastHash != null && current != null && !Arrays.equals(audit.lastHash, current)) {
            problems.add("version " + (length - 1) + ": rebuilt state differs from the current state");
        }
        return new ChainVerification(audit.checked, problems, audit.notes());
    }

    private void replay(int first, int length) {
        problems.addAll(read("layout", store::auditLayout, List.of()));
        SortedSet<Integer> snapshots = read("snapshot list", store::snapshotIndices, Collections.emptySortedSet());
        if (length > 0 && !snapshots.contains(first)) {
            problems.add(ChainVersions.missingBase(store, first));
        }
        PreparedState<S> state = null;
        DeltaRecord previous = null;
        Map<Integer, Integer> firstProblem = new HashMap<>();
        boolean[] unrebuilt = new boolean[length];
        boolean fromUncheckedSnapshot = false;
        for (int i = first; i < length; i++) {
            int mark = problems.size();
            boolean unchecked = false;
            int index = i;
            DeltaRecord r = null;
            if (i > first) {
                r = read(ChainVersions.where(store, i), () -> {
                    try {
                        return DeltaRecord.fromBytes(store.readRecord(index), compressor.limits());
                    } catch (PrecedingRecordUnreadableException e) {
                        if (firstProblem.containsKey(index - 1)) {
                            return null; // the record before is the fault, which names the versions it stops
                        }
                        throw e;
                    }
                }, null);
                if (r != null && (r.index() != i || !r.stateFormatId().equals(compressor.stateFormat().id()))) {
                    problems.add(ChainVersions.where(store, i) + ": holds record #" + r.index() + " of "
                            + r.stateFormatId() + " states");
                    r = null;
                } else if (r != null && previous != null && !Arrays.equals(previous.targetHash(), r.baseHash())) {
                    problems.add(ChainVersions.where(store, i) + ": starts from a state the previous record does not"
                            + " end at");
                }
            }
            PreparedState<S> rebuilt = null;
            if (r != null && state != null && fromUncheckedSnapshot && !r.sameHash(state.hash, false)) {
                problems.add(ChainVersions.snapshotNotBaseOfNext(i - 1, i - 1 == first, store)); // not the record's fault
                state = null;
            }
            if (r != null && state != null) {
                PreparedState<S> from = state;
                DeltaRecord record = r;
                rebuilt = read("version " + i + " (applying its " + ChainVersions.where(store, i) + ")",
                        () -> compressor.apply(from, record), null);
            }
            if (snapshots.contains(i)) {
                byte[] bytes = read("snapshot of version " + i, () -> store.readSnapshot(index), null);
                byte[] hash = bytes != null ? Sha256.of(bytes) : null;
                if (hash != null && rebuilt != null && !Arrays.equals(rebuilt.hash, hash)) {
                    problems.add("snapshot of version " + i + ": does not hash to the state the deltas rebuild");
                } else if (hash != null && rebuilt == null && r != null && !Arrays.equals(r.targetHash(), hash)) {
                    problems.add("snapshot of version " + i + ": does not hash to the state its record produces");
                } else if (hash != null && rebuilt == null) {
                    byte[] target = r == null && i > first ? ChainVersions.recordTargetHash(store, i) : null;
                    if (target != null && !Arrays.equals(target, hash)) {
                        problems.add("snapshot of version " + i + ": does not hash to the state its record produces");
                    } else {
                        rebuilt = read("snapshot of version " + i, () -> PreparedState.of(
                                compressor.stateFormat().fromBytes(bytes, compressor.limits()), bytes), null);
                        unchecked = r == null && target == null; // nothing vouches for it: the next record's base hash will
                    }
                }
            }
            fromUncheckedSnapshot = unchecked && rebuilt != null;
            state = rebuilt;
            previous = r;
            if (state != null) {
                checked++;
            }
            if (problems.size() > mark) {
                firstProblem.put(i, mark);
            }
            unrebuilt[i] = state == null;
        }
        lastHash = state != null ? state.hash : null;
        nameWhatEachFaultStops(firstProblem, unrebuilt);
    }

    /**
     * A fault that stops a version stops the ones after it that rebuild through it, up to the next
     * snapshot that reads: its line names them (one fault, one line; damagedVersions() lists each).
     */
    private void nameWhatEachFaultStops(Map<Integer, Integer> firstProblem, boolean[] unrebuilt) {
        for (int i = 0; i < unrebuilt.length; i++) {
            Integer at = firstProblem.get(i);
            if (!unrebuilt[i] || at == null) {
                continue;
            }
            int last = i;
            while (last + 1 < unrebuilt.length && unrebuilt[last + 1] && !firstProblem.containsKey(last + 1)) {
                last++;
            }
            if (last > i) {
                problems.set(at, problems.get(at) + "; " + (last == i + 1 ? "version " + last + " rebuilds through it and"
                        + " cannot be rebuilt either" : "versions " + (i + 1) + " to " + last + " rebuild through it and"
                        + " cannot be rebuilt either"));
            }
            i = last;
        }
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
