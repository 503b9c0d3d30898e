package io.deltachain.testkit;

import java.util.Random;

/**
 * Generates the state pairs a {@link DeltaStrategyContract} checks.
 *
 * <p>A generator must draw every random choice from the {@link Random} it is given and from
 * nothing else (no {@code Math.random()}, no clock, no hash order of identity hash codes): the same
 * seed must give the same pairs, or a failure's seed cannot reproduce it. The contract calls a
 * generator from one thread at a time. Good generators mix small edits of one state (the common
 * case) with unrelated pairs, empty parts, and values at the edges of the format.
 *
 * @param <S> the state type
 */
@FunctionalInterface
public interface StatePairs<S> {

    /**
     * @param random the only source of randomness to use
     * @return a new pair of states; the contract may keep and share it, never mutates it
     */
    StatePair<S> next(Random random);
}
