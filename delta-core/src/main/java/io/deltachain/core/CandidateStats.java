package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;

/**
 * What one candidate strategy of {@code auto} has cost and won so far, inside
 * {@link CompressionStats#candidates()}. An immutable value; {@link #plus} adds two, {@link #minus}
 * gives the difference.
 *
 * @param runs times the candidate was started, failures included
 * @param wins times its record was the one kept
 * @param failures times it threw and was skipped
 * @param nanos time spent in its runs, failures included, in nanoseconds
 * @param notStarted times the time budget ({@link AutoSelection#withTimeBudget}) was spent before its turn
 */
public record CandidateStats(long runs, long wins, long failures, long nanos, long notStarted) {

    /** A candidate that was never considered. */
    public static final CandidateStats ZERO = new CandidateStats(0, 0, 0, 0, 0);

    /** Refuses negative figures. */
    public CandidateStats {
        if (runs < 0 || wins < 0 || failures < 0 || nanos < 0 || notStarted < 0) {
            throw new DeltaConfigurationException("candidate statistics must not be negative: runs=" + runs + ", wins="
                    + wins + ", failures=" + failures + ", nanos=" + nanos + ", notStarted=" + notStarted);
        }
    }

    /** @return the mean time of one run in nanoseconds (0 when it never ran) */
    public double averageNanos() {
        return runs == 0 ? 0.0 : (double) nanos / runs;
    }

    /**
     * @param other more statistics of the same candidate
     * @return the sum of both (saturating at {@link Long#MAX_VALUE})
     */
    public CandidateStats plus(CandidateStats other) {
        return new CandidateStats(Counts.plus(runs, other.runs), Counts.plus(wins, other.wins),
                Counts.plus(failures, other.failures), Counts.plus(nanos, other.nanos),
                Counts.plus(notStarted, other.notStarted));
    }

    /**
     * @param other earlier statistics of the same candidate
     * @return the difference, each figure at least 0
     */
    public CandidateStats minus(CandidateStats other) {
        return new CandidateStats(Counts.minus(runs, other.runs), Counts.minus(wins, other.wins),
                Counts.minus(failures, other.failures), Counts.minus(nanos, other.nanos),
                Counts.minus(notStarted, other.notStarted));
    }
}
