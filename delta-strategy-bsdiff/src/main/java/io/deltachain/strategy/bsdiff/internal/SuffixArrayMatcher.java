package io.deltachain.strategy.bsdiff.internal;

import java.util.Arrays;

/**
 * bsdiff 4.3's matching: a suffix array of the old file, then a scan of the new file that extends
 * approximate matches forwards and backwards (Colin Percival, "Naive differences of executable
 * code", 2003). Re-implemented here over an SA-IS suffix array.
 */
public final class SuffixArrayMatcher implements Matcher {

    @Override
    public long peakBytes(long oldSize, long newSize) {
        // suffix array 4n, suffix types n, reduced problem up to 4n during the sort; diff and extra blocks 2m
        return 9 * oldSize + 2 * newSize + 4096;
    }

    @Override
    public void match(byte[] old, byte[] nw, DeltaBlocks into) {
        int[] sa = SuffixArray.of(old);
        int oldSize = old.length;
        int newSize = nw.length;
        TripleBuilder triples = new TripleBuilder(old, nw, into);
        int scan = 0;
        int len = 0;
        int pos = 0;
        while (scan < newSize) {
            int oldScore = 0;
            int lastOffset = triples.lastOffset();
            scan += len;
            for (int scsc = scan; scan < newSize; scan++) {
                long found = search(sa, old, nw, scan);
                len = (int) (found >>> 32);
                pos = (int) found;
                for (; scsc < scan + len; scsc++) {
                    int o = scsc + lastOffset;
                    if (o >= 0 && o < oldSize && old[o] == nw[scsc]) {
                        oldScore++;
                    }
                }
                if ((len == oldScore && len != 0) || len > oldScore + 8) {
                    break;
                }
                int o = scan + lastOffset;
                if (o >= 0 && o < oldSize && old[o] == nw[scan]) {
                    oldScore--;
                }
            }
            if (len != oldScore || scan == newSize) {
                if (scan < newSize) {
                    triples.matchAt(scan, pos);
                } else {
                    triples.finish();
                    return;
                }
            }
        }
        triples.finish();
    }

    /** Longest match of {@code nw[from..]} among the old file's suffixes: (length << 32) | position. */
    private static long search(int[] sa, byte[] old, byte[] nw, int from) {
        if (sa.length == 0) {
            return 0;
        }
        int st = 0;
        int en = sa.length - 1;
        while (en - st >= 2) {
            int mid = st + (en - st) / 2;
            int p = sa[mid];
            int n = Math.min(old.length - p, nw.length - from);
            if (Arrays.compareUnsigned(old, p, p + n, nw, from, from + n) < 0) {
                st = mid;
            } else {
                en = mid;
            }
        }
        int x = matchLength(old, sa[st], nw, from);
        int y = matchLength(old, sa[en], nw, from);
        return x > y ? ((long) x << 32) | sa[st] : ((long) y << 32) | sa[en];
    }

    private static int matchLength(byte[] old, int p, byte[] nw, int from) {
        int n = Math.min(old.length - p, nw.length - from);
        int m = Arrays.mismatch(old, p, p + n, nw, from, from + n);
        return m < 0 ? n : m;
    }
}
