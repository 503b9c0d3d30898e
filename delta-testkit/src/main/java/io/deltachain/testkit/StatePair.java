package io.deltachain.testkit;

import java.util.Objects;

/**
 * Two states for a contract check: the strategy diffs {@code base} against {@code target} and
 * applies the payload to {@code base} again. Immutable as far as the states are.
 *
 * @param base the older state; never null
 * @param target the newer state; never null
 * @param <S> the state type
 */
public record StatePair<S>(S base, S target) {

    /** Refuses null states: the contract has nothing to check on them. */
    public StatePair {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(target, "target");
    }
}
