package io.deltachain.core.internal;

import io.deltachain.core.CandidateStats;
import io.deltachain.core.CompressionStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind one compressor's {@link CompressionStats}: {@link LongAdder}s, so that threads
 * sharing a compressor never contend on one word; {@link #snapshot()} hands out an immutable value
 * (Caffeine's {@code ConcurrentStatsCounter} and {@code CacheStats} are the model). Thread-safe.
 */
public final class ConcurrentStatsCounter {
    private final LongAdder diffs = new LongAdder();
    private final LongAdder applies = new LongAdder();
    private final LongAdder merges = new LongAdder();
    private final LongAdder rawBytes = new LongAdder();
    private final LongAdder storedBytes = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    /** Keyed by strategy id; as many entries as strategies serve the format. */
    private final Map<String, CandidateCounter> candidates = new ConcurrentHashMap<>();

    /**
     * @param raw canonical bytes of the target
     * @param stored the record's wire size
     * @param elapsed nanoseconds spent making it
     */
    public void recordDiff(long raw, long stored, long elapsed) {
        diffs.increment();
        rawBytes.add(raw);
        storedBytes.add(stored);
        nanos.add(elapsed);
    }

    /** Counts one record applied. */
    public void recordApply() {
        applies.increment();
    }

    /** Counts one merge. */
    public void recordMerge() {
        merges.increment();
    }

    /**
     * @param strategyId the candidate
     * @param elapsed nanoseconds it ran
     * @param failed whether it threw
     */
    public void recordRun(String strategyId, long elapsed, boolean failed) {
        CandidateCounter c = candidate(strategyId);
        c.runs.increment();
        c.nanos.add(elapsed);
        if (failed) {
            c.failures.increment();
        }
    }

    /** @param strategyId the candidate whose record was kept */
    public void recordWin(String strategyId) {
        candidate(strategyId).wins.increment();
    }

    /** @param strategyId a candidate left out because the time budget was spent */
    public void recordNotStarted(String strategyId) {
        candidate(strategyId).notStarted.increment();
    }

    private CandidateCounter candidate(String strategyId) {
        return candidates.computeIfAbsent(strategyId, id -> new CandidateCounter());
    }

    /** @return the figures now, as an immutable value */
    public CompressionStats snapshot() {
        Map<String, CandidateStats> perCandidate = new TreeMap<>();
        candidates.forEach((id, c) -> perCandidate.put(id, c.snapshot()));
        return new CompressionStats(diffs.sum(), applies.sum(), merges.sum(), rawBytes.sum(), storedBytes.sum(),
                nanos.sum(), perCandidate);
    }

    private static final class CandidateCounter {
        final LongAdder runs = new LongAdder();
        final LongAdder wins = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder notStarted = new LongAdder();

        CandidateStats snapshot() {
            return new CandidateStats(runs.sum(), wins.sum(), failures.sum(), nanos.sum(), notStarted.sum());
        }
    }
}
