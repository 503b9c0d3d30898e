package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a {@link DeltaCompressor} has done so far, as {@link DeltaCompressor#stats()} hands it out. An
 * immutable value (the candidate map is an unmodifiable copy, sorted by id), safe to share between
 * threads; {@link #plus} adds two, {@link #minus} gives the difference, so that the work of an
 * interval is {@code later.minus(earlier)}.
 *
 * <p>Timings live here and only here: they never reach a record, which stays the same for the same
 * inputs and clock. Each figure is exact, but a compressor in use by several threads may be between
 * the updates of one operation when a snapshot is taken.
 *
 * @param diffs records made
 * @param applies records applied
 * @param merges merges done
 * @param rawBytes canonical bytes of the targets of the records made
 * @param storedBytes whole records made ({@link DeltaRecord#wireSize()}), headers included
 * @param nanos time spent making records, in nanoseconds
 * @param candidates per strategy id, what {@code auto}'s candidates cost and won (empty for a
 *     compressor with a fixed strategy)
 */
public record CompressionStats(long diffs, long applies, long merges, long rawBytes, long storedBytes, long nanos,
                               Map<String, CandidateStats> candidates) {

    /** Statistics of a compressor that has done nothing. */
    public static final CompressionStats ZERO = new CompressionStats(0, 0, 0, 0, 0, 0, Map.of());

    /** Refuses negative figures and copies the candidate map. */
    public CompressionStats {
        if (diffs < 0 || applies < 0 || merges < 0 || rawBytes < 0 || storedBytes < 0 || nanos < 0) {
            throw new DeltaConfigurationException("compression statistics must not be negative: diffs=" + diffs
                    + ", applies=" + applies + ", merges=" + merges + ", rawBytes=" + rawBytes + ", storedBytes="
                    + storedBytes + ", nanos=" + nanos);
        }
        Objects.requireNonNull(candidates, "candidates");
        SortedMap<String, CandidateStats> copy = new TreeMap<>();
        candidates.forEach((id, stats) -> copy.put(Objects.requireNonNull(id, "candidate id"),
                Objects.requireNonNull(stats, () -> "statistics of candidate '" + id + "'")));
        candidates = Collections.unmodifiableSortedMap(copy);
    }

    /** @return raw bytes over stored bytes, a ratio of sums (1.0 when nothing was stored) */
    public double ratio() {
        return storedBytes == 0 ? 1.0 : (double) rawBytes / storedBytes;
    }

    /** @return {@code auto} candidates that failed and were skipped, over every candidate */
    public long skippedCandidates() {
        long total = 0;
        for (CandidateStats c : candidates.values()) {
            total = Counts.plus(total, c.failures());
        }
        return total;
    }

    /**
     * @param id a strategy id
     * @return what that candidate of {@code auto} did ({@link CandidateStats#ZERO} when it never was one)
     */
    public CandidateStats candidate(String id) {
        return candidates.getOrDefault(id, CandidateStats.ZERO);
    }

    /**
     * @param other more statistics
     * @return the sum of both, candidate by candidate (saturating at {@link Long#MAX_VALUE})
     */
    public CompressionStats plus(CompressionStats other) {
        Map<String, CandidateStats> sum = new TreeMap<>(candidates);
        other.candidates.forEach((id, c) -> sum.merge(id, c, CandidateStats::plus));
        return new CompressionStats(Counts.plus(diffs, other.diffs), Counts.plus(applies, other.applies),
                Counts.plus(merges, other.merges), Counts.plus(rawBytes, other.rawBytes),
                Counts.plus(storedBytes, other.storedBytes), Counts.plus(nanos, other.nanos), sum);
    }

    /**
     * @param other earlier statistics of the same compressor
     * @return the difference, each figure at least 0, candidate by candidate
     */
    public CompressionStats minus(CompressionStats other) {
        Map<String, CandidateStats> difference = new TreeMap<>();
        candidates.forEach((id, c) -> difference.put(id, c.minus(other.candidate(id))));
        return new CompressionStats(Counts.minus(diffs, other.diffs), Counts.minus(applies, other.applies),
                Counts.minus(merges, other.merges), Counts.minus(rawBytes, other.rawBytes),
                Counts.minus(storedBytes, other.storedBytes), Counts.minus(nanos, other.nanos), difference);
    }
}
