package io.deltachain.strategy.bsdiff.internal;

import java.util.Arrays;

/**
 * bsdiff's way of turning match events into control triples: from the last match, extend forwards
 * while old and new mostly agree (the diff block), extend the next match backwards the same way,
 * split any overlap where it scores best, and put what neither covers in the extra block. Shared by
 * every {@link Matcher}: they differ only in how they find the events.
 */
final class TripleBuilder {
    private final byte[] old;
    private final byte[] nw;
    private final DeltaBlocks blocks;
    private int lastScan;
    private int lastPos;
    private int lastOffset;

    TripleBuilder(byte[] old, byte[] nw) {
        this(old, nw, new DeltaBlocks(nw.length));
    }

    TripleBuilder(byte[] old, byte[] nw, DeltaBlocks blocks) {
        this.old = old;
        this.nw = nw;
        this.blocks = blocks;
    }

    /** @return old position minus new position of the alignment now in use */
    int lastOffset() {
        return lastOffset;
    }

    /**
     * bsdiff's "how much of new[scan, scan + len) already matches at the current alignment".
     *
     * @param scan start in the new file
     * @param len length
     * @return bytes that agree at {@link #lastOffset()}
     */
    int scoreAtLastOffset(int scan, int len) {
        int score = 0;
        int end = scan + len;
        for (int i = Math.max(scan, -lastOffset); i < end; i++) {
            int o = i + lastOffset;
            if (o >= old.length) {
                break;
            }
            if (old[o] == nw[i]) {
                score++;
            }
        }
        return score;
    }

    /**
     * Records a match event: new[scan..] matches old[pos..]. Emits the triple that reaches it.
     *
     * @param scan start of the match in the new file
     * @param pos start of the match in the old file
     */
    void matchAt(int scan, int pos) {
        emit(scan, pos, true);
    }

    /** Emits the last triple, up to the end of the new file, and returns the blocks. */
    DeltaBlocks finish() {
        if (lastScan < nw.length) {
            emit(nw.length, 0, false);
        }
        blocks.complete();
        return blocks;
    }

    private void emit(int scan, int pos, boolean backwards) {
        int s = 0;
        int bestForward = 0;
        int lenF = 0;
        int forwardEnd = Math.min(scan - lastScan, old.length - lastPos);
        for (int i = 0; i < forwardEnd; ) {
            // Inside a run of equal bytes the score rises with every byte, so the best point moves
            // to the run's end: take the run in one vectorised step.
            int run = Arrays.mismatch(old, lastPos + i, lastPos + forwardEnd, nw, lastScan + i, lastScan + forwardEnd);
            run = run < 0 ? forwardEnd - i : run;
            if (run > 0) {
                s += run;
                i += run;
                if (s * 2 - i > bestForward * 2 - lenF) {
                    bestForward = s;
                    lenF = i;
                }
                continue;
            }
            i++; // one differing byte
            if (s * 2 - i > bestForward * 2 - lenF) {
                bestForward = s;
                lenF = i;
            }
        }
        int lenB = 0;
        if (backwards) {
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
        blocks.add(old, lastPos, nw, lastScan, lenF, copy, backwards ? seek : 0);
        lastScan = scan - lenB;
        lastPos = pos - lenB;
        lastOffset = pos - scan;
    }
}
