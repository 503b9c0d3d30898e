package io.deltachain.core;

/** Arithmetic of the statistics values: sums saturate, differences stop at 0 (as Caffeine's CacheStats). */
final class Counts {
    private Counts() {
    }

    static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    static long minus(long a, long b) {
        return Math.max(0L, a - b);
    }
}
