package io.deltachain.testkit;

import java.util.regex.Pattern;

/**
 * What every contract of the kit shares: a seed that every random choice derives from (printed once
 * per test class and named in every failure, so that {@code -Ddeltachain.seed=N} reproduces it) and
 * the number of random inputs per check. Extend {@link DeltaStrategyContract} or
 * {@link CodecContract}, not this class.
 */
public abstract class SeededContract {
    /** The system property that fixes the seed of every check: {@code -Ddeltachain.seed=N}. */
    public static final String SEED_PROPERTY = Trial.SEED_PROPERTY;

    /** Ids are stable, lower-case: a letter, then letters, digits and '-'. */
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    SeededContract() {
    }

    /**
     * @return how many random inputs (state pairs, payloads, byte arrays) each check uses besides its
     *     fixed ones; 100 by default
     */
    protected int iterations() {
        return 100;
    }

    /**
     * @return the seed of every check: the value of {@code -Ddeltachain.seed} when set, otherwise a
     *     fresh random seed chosen once per test run
     */
    protected long seed() {
        return Trial.defaultSeed();
    }

    /** Runs one check with this contract's seed, naming the seed in any failure. */
    final void seeded(String check, Trial.Body body) {
        Trial.run(getClass(), check, seed(), body);
    }
}
