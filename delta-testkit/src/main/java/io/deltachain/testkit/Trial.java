package io.deltachain.testkit;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One run of one contract check with one seed: the single place that turns any failure into a
 * message carrying the seed and the step that failed, so that every failure can be reproduced.
 */
final class Trial {
    /** The system property that fixes the seed of every contract check. */
    static final String SEED_PROPERTY = "deltachain.seed";

    /** One seed per test run (JVM) unless the property fixes it; printed once per test class. */
    private static final long RUN_SEED = ThreadLocalRandom.current().nextLong();
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();
    private static final int PREVIEW_BYTES = 24;

    private final String check;
    private final long seed;
    private final Random random;
    private volatile String step = "setup";

    private Trial(String check, long seed) {
        this.check = check;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The body of a check; may throw anything, which {@link #run} reports with the seed. */
    @FunctionalInterface
    interface Body {
        void run(Trial trial) throws Throwable;
    }

    static long defaultSeed() {
        String configured = System.getProperty(SEED_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return RUN_SEED;
        }
        try {
            return Long.parseLong(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a long, got '" + configured + "'", e);
        }
    }

    /**
     * Runs one check and rethrows every failure (an assertion or any unexpected throwable) as an
     * {@link AssertionFailedError} whose message names the step, the seed and how to rerun with it.
     * Aborted assumptions pass through unchanged.
     */
    static void run(Class<?> testClass, String check, long seed, Body body) {
        if (ANNOUNCED.add(testClass.getName() + '#' + seed)) {
            System.out.println("[deltachain-testkit] " + testClass.getName() + ": " + reproduce(seed));
        }
        Trial trial = new Trial(check, seed);
        try {
            body.run(trial);
        } catch (TestAbortedException | SeededFailure e) {
            throw e;
        } catch (AssertionError e) {
            throw trial.fail(String.valueOf(e.getMessage()), e);
        } catch (Throwable e) {
            throw trial.fail("unexpected " + e.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    static String reproduce(long seed) {
        return "seed=" + seed + " (rerun with -D" + SEED_PROPERTY + "=" + seed + ")";
    }

    Random random() {
        return random;
    }

    long seed() {
        return seed;
    }

    /** Records what is being checked now, so that a failure can say where it happened. */
    void at(String what) {
        step = what;
    }

    AssertionFailedError fail(String message) {
        return fail(message, null);
    }

    AssertionFailedError fail(String message, Throwable cause) {
        return new SeededFailure(check + " failed at " + step + ": " + message + "; " + reproduce(seed), cause);
    }

    /** Throws a seeded failure unless the condition holds. */
    void check(boolean condition, String message) {
        if (!condition) {
            throw fail(message);
        }
    }

    /** A short, printable view of some bytes for failure messages. */
    static String preview(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        int shown = Math.min(bytes.length, PREVIEW_BYTES);
        return bytes.length + " bytes [" + HexFormat.of().formatHex(bytes, 0, shown)
                + (shown < bytes.length ? "..." : "") + "]";
    }

    /** Two byte arrays for a failure message, with the offset where they first differ. */
    static String differ(byte[] expected, byte[] actual) {
        if (expected == null || actual == null) {
            return preview(expected) + " vs " + preview(actual);
        }
        return preview(expected) + " vs " + preview(actual) + ", first difference at offset "
                + Arrays.mismatch(expected, actual);
    }

    /** A failure that already carries its seed; never wrapped twice. */
    private static final class SeededFailure extends AssertionFailedError {
        private static final long serialVersionUID = 1L;

        SeededFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
