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
    public DeltaBlocks match(byte[] old, byte[] nw) {
        int[] sa = SuffixArray.of(old);
        int oldSize = old.length;
        int newSize = nw.length;
        DeltaBlocks blocks = new DeltaBlocks(newSize);
        int scan = 0;
        int len = 0;
        int pos = 0;
        int lastScan = 0;
        int lastPos = 0;
        int lastOffset = 0;
        while (scan < newSize) {
            int oldScore = 0;
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
                int s = 0;
                int bestForward = 0;
                int lenF = 0;
                for (int i = 0; lastScan + i < scan && lastPos + i < oldSize; ) {
                    if (old[lastPos + i] == nw[lastScan + i]) {
                        s++;
                    }
                    i++;
                    if (s * 2 - i > bestForward * 2 - lenF) {
                        bestForward = s;
                        lenF = i;
                    }
                }
                int lenB = 0;
                if (scan < newSize) {
                    s = 0;
                    int bestBack = 0;
                    for (int i = 1; scan >= lastScan + i && pos >= i; i++) {
                        if (old[pos - i] == nw[scan - i]) {
                            s++;
                        }
                        if (s * 2 - i > bestBack * 2 - lenB) {
                            bestBack = s;
                            lenB = i;
                        }
                    }
                }
                if (lastScan + lenF > scan - lenB) {
                    int overlap = (lastScan + lenF) - (scan - lenB);
                    s = 0;
                    int bestSplit = 0;
                    int lenS = 0;
                    for (int i = 0; i < overlap; i++) {
                        if (nw[lastScan + lenF - overlap + i] == old[lastPos + lenF - overlap + i]) {
                            s++;
                        }
                        if (nw[scan - lenB + i] == old[pos - lenB + i]) {
                            s--;
                        }
                        if (s > bestSplit) {
                            bestSplit = s;
                            lenS = i + 1;
                        }
                    }
                    lenF += lenS - overlap;
                    lenB -= lenS;
                }
                int copy = (scan - lenB) - (lastScan + lenF);
                long seek = (long) (pos - lenB) - (lastPos + lenF);
                blocks.add(old, lastPos, nw, lastScan, lenF, copy, seek);
                lastScan = scan - lenB;
                lastPos = pos - lenB;
                lastOffset = pos - scan;
            }
        }
        return blocks;
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
