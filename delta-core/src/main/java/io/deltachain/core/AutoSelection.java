package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.UnsupportedDeltaOperationException;
import io.deltachain.core.internal.ConcurrentStatsCounter;
import io.deltachain.core.internal.NoneStrategy;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the {@code auto} meta-strategy: which strategies are tried on a delta, in what order,
 * and for how long. {@link DeltaCompressor} delegates to it; set one with
 * {@link DeltaCompressor.Builder#auto(AutoSelection)}.
 *
 * <p>The candidates for a state format ({@link #candidates}) are every strategy of the registry that
 * serves it (strategies of the format itself, and strategies on bytes over its canonical bytes) plus
 * core's {@code none}, in the order of their ids. Each is run, in that order, and the smallest encoded
 * payload is kept; a tie goes to the earlier, the lowest id. A candidate that throws is skipped and
 * counted ({@link CandidateStats#failures()}); only when every one fails does the delta fail. A new
 * strategy module on the class path is simply one more candidate.
 *
 * <p>Without a time budget (the default, {@link #standard()}) {@code auto} is deterministic: the
 * same inputs and registry give the same record. With one ({@link #withTimeBudget}), no candidate is
 * started once the budget is spent and a record is in hand, so which record wins then depends on the
 * machine and its load; at least one candidate always runs. How long candidates took goes into the
 * compressor's {@link CompressionStats}, never into a record.
 *
 * <p>Immutable and thread-safe.
 */
public final class AutoSelection {
    private static final Logger LOG = LoggerFactory.getLogger(AutoSelection.class);
    private static final AutoSelection STANDARD = new AutoSelection(null);

    /** Null when there is no budget. */
    private final Duration timeBudget;
    private final long budgetNanos;

    private AutoSelection(Duration timeBudget) {
        this.timeBudget = timeBudget;
        this.budgetNanos = timeBudget == null ? Long.MAX_VALUE : saturatedNanos(timeBudget);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** @return every candidate, in id order, with no time budget: deterministic */
    public static AutoSelection standard() {
        return STANDARD;
    }

    /**
     * @param budget how long one delta may take before no further candidate is started; positive
     * @return a selection with that budget, otherwise the same: its records depend on load
     * @throws DeltaConfigurationException when {@code budget} is zero or negative
     */
    public AutoSelection withTimeBudget(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isZero() || budget.isNegative()) {
            throw new DeltaConfigurationException("the time budget of auto must be positive, got " + budget
                    + "; leave it unset (AutoSelection.standard()) for no budget");
        }
        return new AutoSelection(budget);
    }

    /** @return a selection with no time budget, otherwise the same */
    public AutoSelection withoutTimeBudget() {
        return STANDARD;
    }

    /** @return the time budget, empty when there is none (the default) */
    public Optional<Duration> timeBudget() {
        return Optional.ofNullable(timeBudget);
    }

    /**
     * @param registry where the strategies come from
     * @param format the state format of the deltas
     * @param <S> the state type
     * @return the candidates in the order they run: every strategy serving {@code format}, and
     *     {@code none}, sorted by id; immutable
     */
    public <S> List<DeltaStrategy<S>> candidates(DeltaRegistry registry, StateFormat<S> format) {
        List<DeltaStrategy<S>> all = new ArrayList<>();
        for (DeltaStrategy<S> s : registry.strategiesFor(format)) {
            if (!s.id().equals(DeltaCompressor.NONE) && !s.id().equals(DeltaCompressor.AUTO)) {
                all.add(s);
            }
        }
        all.add(new NoneStrategy<>(format));
        all.sort(Comparator.comparing(DeltaStrategy::id));
        return List.copyOf(all);
    }

    /**
     * Runs the candidates in order under the budget and keeps the smallest encoded payload.
     *
     * @param candidates from {@link #candidates}
     * @param encode diffs and encodes with one candidate
     * @param stats where each run, failure, win and candidate left out is counted
     * @param formatId for the message when every candidate fails
     */
    <S> EncodedDelta<S> choose(List<DeltaStrategy<S>> candidates, Function<DeltaStrategy<S>, EncodedDelta<S>> encode,
                               ConcurrentStatsCounter stats, String formatId) {
        long start = System.nanoTime();
        EncodedDelta<S> best = null;
        List<String> failures = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (int i = 0; i < candidates.size(); i++) {
            DeltaStrategy<S> strategy = candidates.get(i);
            if (best != null && System.nanoTime() - start >= budgetNanos) {
                candidates.subList(i, candidates.size()).forEach(s -> stats.recordNotStarted(s.id()));
                break;
            }
            long runStart = System.nanoTime();
            EncodedDelta<S> c;
            try {
                c = encode.apply(strategy);
            } catch (RuntimeException e) {
                stats.recordRun(strategy.id(), System.nanoTime() - runStart, true);
                LOG.debug("auto: strategy '{}' failed on this delta and was skipped", strategy.id(), e);
                failures.add(strategy.id() + ": " + e.getMessage());
                firstFailure = firstFailure == null ? e : firstFailure;
                continue;
            }
            stats.recordRun(strategy.id(), System.nanoTime() - runStart, false);
            if (best == null || c.encoded().length < best.encoded().length) {
                best = c;
            }
        }
        if (best == null) {
            throw new UnsupportedDeltaOperationException("auto: no strategy could diff these " + formatId + " states ("
                    + String.join("; ", failures) + ")", firstFailure);
        }
        stats.recordWin(best.strategy().id());
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoSelection a && Objects.equals(timeBudget, a.timeBudget);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(timeBudget);
    }

    @Override
    public String toString() {
        return timeBudget == null ? "AutoSelection[every candidate, no time budget]"
                : "AutoSelection[time budget " + timeBudget + "]";
    }
}
