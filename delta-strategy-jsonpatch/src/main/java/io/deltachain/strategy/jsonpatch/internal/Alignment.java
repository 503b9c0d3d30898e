package io.deltachain.strategy.jsonpatch.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A common subsequence of two sequences of element ids (equal ids: equal canonical JSON), as long
 * as the budget allows.
 *
 * <p>Myers' O((N+M)·D) algorithm finds a longest one while the number of edits D stays under a
 * cutoff that shrinks with the length, so that its work stays under {@link #WORK_BUDGET} element
 * comparisons and its trace under {@link #MAX_EDITS}² ints. Past the cutoff (huge arrays rewritten
 * wholesale) it falls back to patience alignment: the ids that occur exactly once on each side,
 * kept in their longest increasing run, are anchors, and the gaps between anchors are aligned again
 * the same way (at most {@link #MAX_DEPTH} levels deep); a gap with no anchor stays unaligned. The
 * fallback uses memory linear in the length and gives a common subsequence that may be shorter than
 * the longest. Not thread-safe: one instance per alignment.
 */
final class Alignment {
    /** Element comparisons Myers may spend on one range before the fallback. */
    static final long WORK_BUDGET = 40_000_000L;
    /** The most edits Myers looks for in one range (its trace holds about this many squared ints). */
    static final int MAX_EDITS = 1_500;
    /** How deep patience alignment recurses into gaps. */
    static final int MAX_DEPTH = 32;

    private final int[] a;
    private final int[] b;
    /** For each index of {@code a}, the index of {@code b} it is aligned with, or -1. */
    final int[] matchA;
    /** For each index of {@code b}, the index of {@code a} it is aligned with, or -1. */
    final int[] matchB;

    private Alignment(int[] a, int[] b) {
        this.a = a;
        this.b = b;
        this.matchA = new int[a.length];
        this.matchB = new int[b.length];
        Arrays.fill(matchA, -1);
        Arrays.fill(matchB, -1);
    }

    /**
     * @param a ids of the old elements
     * @param b ids of the new elements
     * @return the alignment
     */
    static Alignment of(int[] a, int[] b) {
        Alignment alignment = new Alignment(a, b);
        alignment.align(0, a.length, 0, b.length, 0);
        return alignment;
    }

    private void match(int i, int j) {
        matchA[i] = j;
        matchB[j] = i;
    }

    private void align(int aLo, int aHi, int bLo, int bHi, int depth) {
        while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
            match(aLo++, bLo++);
        }
        while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1]) {
            match(--aHi, --bHi);
        }
        if (aLo == aHi || bLo == bHi) {
            return;
        }
        int length = (aHi - aLo) + (bHi - bLo);
        int cutoff = (int) Math.max(8, Math.min(MAX_EDITS, WORK_BUDGET / length));
        if (!myers(aLo, aHi, bLo, bHi, cutoff) && depth < MAX_DEPTH) {
            patience(aLo, aHi, bLo, bHi, depth);
        }
    }

    /** Myers' greedy forward search with a trace, then a walk back; false when more than {@code cutoff} edits are needed. */
    private boolean myers(int aLo, int aHi, int bLo, int bHi, int cutoff) {
        int n = aHi - aLo;
        int m = bHi - bLo;
        int max = Math.min(n + m, cutoff);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        v[offset + 1] = 0;
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            // Keep v[-d-1 .. d+1]: round d reads nothing else.
            trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                    x = v[offset + k + 1];
                } else {
                    x = v[offset + k - 1] + 1;
                }
                int y = x - k;
                while (x < n && y < m && a[aLo + x] == b[bLo + y]) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    walkBack(trace, d, n, m, aLo, bLo);
                    return true;
                }
            }
        }
        return false;
    }

    private void walkBack(List<int[]> trace, int edits, int n, int m, int aLo, int bLo) {
        int x = n;
        int y = m;
        for (int d = edits; d >= 0; d--) {
            int[] v = trace.get(d);
            int base = d + 1; // v[k] of round d is at v[k + d + 1]
            int k = x - y;
            int prevK = (k == -d || (k != d && v[base + k - 1] < v[base + k + 1])) ? k + 1 : k - 1;
            int prevX = v[base + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY && x > 0 && y > 0) {
                x--;
                y--;
                match(aLo + x, bLo + y);
            }
            x = prevX;
            y = prevY;
        }
    }

    /** Anchors on ids unique on both sides, in their longest increasing run; the gaps are aligned again. */
    private void patience(int aLo, int aHi, int bLo, int bHi, int depth) {
        Map<Integer, int[]> seen = new HashMap<>(); // id -> {count in a, index in a, count in b, index in b}
        for (int i = aLo; i < aHi; i++) {
            int[] s = seen.computeIfAbsent(a[i], id -> new int[4]);
            s[0]++;
            s[1] = i;
        }
        for (int j = bLo; j < bHi; j++) {
            int[] s = seen.get(b[j]);
            if (s != null) {
                s[2]++;
                s[3] = j;
            }
        }
        // Unique pairs in the order of a, as b indices.
        int[] pairA = new int[Math.min(aHi - aLo, bHi - bLo)];
        int[] pairB = new int[pairA.length];
        int pairs = 0;
        for (int i = aLo; i < aHi && pairs < pairA.length; i++) {
            int[] s = seen.get(a[i]);
            if (s[0] == 1 && s[2] == 1) {
                pairA[pairs] = i;
                pairB[pairs] = s[3];
                pairs++;
            }
        }
        if (pairs == 0) {
            return;
        }
        int[] run = longestIncreasingRun(pairB, pairs);
        int prevA = aLo;
        int prevB = bLo;
        for (int p : run) {
            int i = pairA[p];
            int j = pairB[p];
            align(prevA, i, prevB, j, depth + 1);
            match(i, j);
            prevA = i + 1;
            prevB = j + 1;
        }
        align(prevA, aHi, prevB, bHi, depth + 1);
    }

    /** Patience sorting: the positions of a longest strictly increasing subsequence of {@code values[0..count)}. */
    private static int[] longestIncreasingRun(int[] values, int count) {
        int[] tails = new int[count]; // position of the smallest tail of each run length
        int[] previous = new int[count];
        int length = 0;
        for (int p = 0; p < count; p++) {
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (values[tails[mid]] < values[p]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[p] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = p;
            if (lo == length) {
                length++;
            }
        }
        int[] run = new int[length];
        for (int p = tails[length - 1], r = length - 1; r >= 0; p = previous[p], r--) {
            run[r] = p;
        }
        return run;
    }
}
