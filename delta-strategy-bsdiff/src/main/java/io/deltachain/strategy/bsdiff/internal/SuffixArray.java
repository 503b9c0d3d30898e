package io.deltachain.strategy.bsdiff.internal;

import java.util.Arrays;

/**
 * Suffix arrays in linear time by induced sorting (SA-IS, Nong, Zhang and Chan 2009), written for
 * this project. The top level reads the bytes in place; recursion works on the reduced int
 * strings. Extra memory beyond the result: one byte per input byte for the suffix types, and the
 * reduced problem (at most half the input, as ints) while it is solved.
 */
public final class SuffixArray {
    private SuffixArray() {
    }

    /**
     * @param data the text
     * @return the start offsets of its suffixes in lexicographic (unsigned byte) order
     */
    public static int[] of(byte[] data) {
        int[] sa = new int[data.length];
        if (data.length > 0) {
            sais(new ByteText(data), sa, data.length, 256);
        }
        return sa;
    }

    /** Read access to a text of bytes or of ints. */
    private abstract static class Text {
        abstract int at(int i);
    }

    private static final class ByteText extends Text {
        private final byte[] b;

        ByteText(byte[] b) {
            this.b = b;
        }

        @Override
        int at(int i) {
            return b[i] & 0xFF;
        }
    }

    private static final class IntText extends Text {
        private final int[] v;

        IntText(int[] v) {
            this.v = v;
        }

        @Override
        int at(int i) {
            return v[i];
        }
    }

    private static void sais(Text t, int[] sa, int n, int k) {
        boolean[] stype = new boolean[n];
        // A virtual sentinel, smaller than every symbol, follows the text: the last suffix is L-type.
        for (int i = n - 2; i >= 0; i--) {
            int a = t.at(i);
            int b = t.at(i + 1);
            stype[i] = a < b || (a == b && stype[i + 1]);
        }
        int[] bucket = new int[k];

        // Stage 1: sort the LMS substrings by induction.
        Arrays.fill(sa, -1);
        bucketEnds(t, n, k, bucket);
        for (int i = 1; i < n; i++) {
            if (isLms(stype, i)) {
                sa[--bucket[t.at(i)]] = i;
            }
        }
        induce(t, sa, stype, n, k, bucket);

        int n1 = 0;
        for (int i = 0; i < n; i++) {
            if (isLms(stype, sa[i])) {
                sa[n1++] = sa[i];
            }
        }
        // Name the sorted LMS substrings; equal substrings get equal names.
        Arrays.fill(sa, n1, n, -1);
        int names = 0;
        int prev = -1;
        for (int i = 0; i < n1; i++) {
            int pos = sa[i];
            if (prev < 0 || !equalLmsSubstrings(t, stype, n, pos, prev)) {
                names++;
                prev = pos;
            }
            sa[n1 + (pos >> 1)] = names - 1;
        }
        int[] reduced = new int[n1];
        for (int i = n - 1, j = n1 - 1; i >= n1; i--) {
            if (sa[i] >= 0) {
                reduced[j--] = sa[i];
            }
        }

        // Stage 2: sort the LMS suffixes, recursing while names repeat.
        int[] reducedSa = new int[n1];
        if (names < n1) {
            sais(new IntText(reduced), reducedSa, n1, names);
        } else {
            for (int i = 0; i < n1; i++) {
                reducedSa[reduced[i]] = i;
            }
        }

        // Stage 3: induce the whole order from the sorted LMS suffixes.
        for (int i = 1, j = 0; i < n; i++) {
            if (isLms(stype, i)) {
                reduced[j++] = i;
            }
        }
        for (int i = 0; i < n1; i++) {
            reducedSa[i] = reduced[reducedSa[i]];
        }
        reduced = null;
        Arrays.fill(sa, -1);
        bucketEnds(t, n, k, bucket);
        for (int i = n1 - 1; i >= 0; i--) {
            int j = reducedSa[i];
            sa[--bucket[t.at(j)]] = j;
        }
        reducedSa = null;
        induce(t, sa, stype, n, k, bucket);
    }

    private static boolean isLms(boolean[] stype, int i) {
        return i > 0 && stype[i] && !stype[i - 1];
    }

    private static boolean equalLmsSubstrings(Text t, boolean[] stype, int n, int a, int b) {
        for (int d = 0; ; d++) {
            if (a + d == n || b + d == n) {
                return false;
            }
            if (t.at(a + d) != t.at(b + d) || stype[a + d] != stype[b + d]) {
                return false;
            }
            if (d > 0 && (isLms(stype, a + d) || isLms(stype, b + d))) {
                return true;
            }
        }
    }

    private static void induce(Text t, int[] sa, boolean[] stype, int n, int k, int[] bucket) {
        bucketStarts(t, n, k, bucket);
        sa[bucket[t.at(n - 1)]++] = n - 1; // induced by the sentinel
        for (int i = 0; i < n; i++) {
            int j = sa[i] - 1;
            if (j >= 0 && !stype[j]) {
                sa[bucket[t.at(j)]++] = j;
            }
        }
        bucketEnds(t, n, k, bucket);
        for (int i = n - 1; i >= 0; i--) {
            int j = sa[i] - 1;
            if (j >= 0 && stype[j]) {
                sa[--bucket[t.at(j)]] = j;
            }
        }
    }

    private static void counts(Text t, int n, int[] bucket) {
        Arrays.fill(bucket, 0);
        for (int i = 0; i < n; i++) {
            bucket[t.at(i)]++;
        }
    }

    private static void bucketStarts(Text t, int n, int k, int[] bucket) {
        counts(t, n, bucket);
        int sum = 0;
        for (int c = 0; c < k; c++) {
            int count = bucket[c];
            bucket[c] = sum;
            sum += count;
        }
    }

    private static void bucketEnds(Text t, int n, int k, int[] bucket) {
        counts(t, n, bucket);
        int sum = 0;
        for (int c = 0; c < k; c++) {
            sum += bucket[c];
            bucket[c] = sum;
        }
    }
}
