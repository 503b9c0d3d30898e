package io.deltachain.tests.processes;

/**
 * How many trials the process soak tests run: a few in {@code mvn -B verify}, more with the
 * {@code soak} profile ({@code mvn -B verify -Psoak}, see docs/BENCHMARKS.md), or any count with
 * {@code -Ddeltachain.soak.kills=N} and {@code -Ddeltachain.soak.pairs=N}. Every trial's seed is
 * {@code deltachain.soak.seed} (default 19) plus its number, and failures name it.
 */
final class Soak {
    private Soak() {
    }

    /** @param name {@code kills} or {@code pairs} @param quick the count in a plain build @return the count */
    static int trials(String name, int quick) {
        return Integer.getInteger("deltachain.soak." + name, quick);
    }

    /** @return the seed of trial 0 */
    static long seed() {
        return Long.getLong("deltachain.soak.seed", 19);
    }
}
