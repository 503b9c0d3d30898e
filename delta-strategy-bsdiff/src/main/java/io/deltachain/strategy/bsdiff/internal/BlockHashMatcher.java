package io.deltachain.strategy.bsdiff.internal;

import java.util.Arrays;

/**
 * Fast matching: exact matches are found by hashing the old file's aligned blocks and rolling a hash
 * over the new file (expected linear time, no suffix sort), then extended forwards and backwards;
 * bsdiff's triple construction ({@link TripleBuilder}) turns them into control, diff and extra
 * blocks, so approximate matches (a few changed bytes inside a long match) still land in the diff
 * block as in bsdiff. A match that merely continues the current alignment is no event at all.
 *
 * <p>Memory beyond the inputs: a hash table of two ints per slot, about one slot per
 * {@value #BLOCK} / 2 old bytes (≈ 1 byte per old byte), plus the diff and extra blocks.
 * Degenerate inputs (zeros, short periods) stay linear: one table entry serves every identical
 * block, and a match is extended in one pass.
 */
public final class BlockHashMatcher implements Matcher {
    /** Block length: matches of 2 × BLOCK − 1 bytes or more are always found. */
    static final int BLOCK = 12;
    private static final int PROBES = 16;
    /** Old files at least this large get their index built on two threads. */
    private static final int PARALLEL_INDEX_BYTES = 1 << 20;
    /** Matches shorter than this are checked against the next few positions for a longer one. */
    private static final int LAZY = 256;
    private static final int MULTIPLIER = 0x01000193;
    /** bsdiff's rule: a new alignment must beat the current one by more than this many bytes. */
    private static final int SWITCH_MARGIN = 8;

    @Override
    public long peakBytes(long oldSize, long newSize) {
        // index, diff block, extra block (grown; all of the new file at worst)
        return 8L * tableSlots(oldSize) + 2 * newSize + 4096;
    }

    private static int tableSlots(long oldSize) {
        long wanted = Math.max(16, 4 * (oldSize / BLOCK));
        return (int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
    }

    @Override
    public void match(byte[] old, byte[] nw, DeltaBlocks into) {
        TripleBuilder triples = new TripleBuilder(old, nw, into);
        if (old.length < BLOCK || nw.length < BLOCK) {
            triples.finish();
            return;
        }
        Index index = new Index(old, nw.length);
        int newSize = nw.length;
        int covered = 0; // new bytes before this are explained by an event already
        int i = 0;
        int h = hash(nw, 0);
        Match best = new Match();
        Match other = new Match();
        while (i + BLOCK <= newSize) {
            int o = i + triples.lastOffset();
            int run = o >= 0 && o + BLOCK <= old.length && Arrays.equals(old, o, o + BLOCK, nw, i, i + BLOCK)
                    ? BLOCK + extend(old, o + BLOCK, nw, i + BLOCK) : 0;
            if (run >= LAZY || run > 0 && !(index.longest(h, nw, i, covered, best) && best.length > run + SWITCH_MARGIN)) {
                // The current alignment still holds (and nothing much longer starts here): no event.
                i += run;
                covered = i;
                if (i + BLOCK <= newSize) {
                    h = hash(nw, i);
                }
                continue;
            }
            if (run == 0 && !index.longest(h, nw, i, covered, best)) {
                if (i + BLOCK < newSize) {
                    h = roll(h, nw, i);
                }
                i++;
                continue;
            }
            if (best.length < LAZY) {
                // A short match may be a common token sequence elsewhere: the first aligned block of
                // the true continuation can lie up to two blocks on (one if its first block holds a
                // changed byte). Keep the best within that window.
                int hj = h;
                for (int j = i + 1; j < i + 2 * BLOCK && j + BLOCK <= newSize && best.quality < LAZY
                        && !index.overBudget(); j++) {
                    hj = roll(hj, nw, j - 1);
                    if (index.longest(hj, nw, j, covered, other) && other.quality > best.quality) {
                        best.set(other);
                    }
                }
            }
            if (best.length > triples.scoreAtLastOffset(best.start, best.length) + SWITCH_MARGIN) {
                triples.matchAt(best.start, best.pos);
            }
            i = best.start + best.length;
            covered = i;
            if (i + BLOCK <= newSize) {
                h = hash(nw, i);
            }
        }
        triples.finish();
    }

    private int power() {
        int power = 1;
        for (int k = 0; k < BLOCK; k++) {
            power *= MULTIPLIER;
        }
        return power;
    }

    private final int power = power();

    private int roll(int h, byte[] data, int from) {
        return h * MULTIPLIER + data[from + BLOCK] - power * data[from];
    }

    /** A match: new[start, start + length) equals old[pos, pos + length). */
    private static final class Match {
        int start;
        int pos;
        int length;
        /** The exact length, plus for short matches the bytes that still agree a little further on. */
        int quality;

        void set(Match m) {
            start = m.start;
            pos = m.pos;
            length = m.length;
            quality = m.quality;
        }
    }

    /**
     * Counts equal bytes of old[o..] and nw[n..] over at most {@code window} bytes, giving up (with a
     * count no larger than {@code beat}) as soon as the count can no longer exceed {@code beat}.
     */
    private static int agreement(byte[] old, int o, byte[] nw, int n, int window, int beat) {
        int end = Math.min(window, Math.min(old.length - o, nw.length - n));
        int same = 0;
        for (int k = 0; k < end; k++) {
            if (old[o + k] == nw[n + k]) {
                same++;
            } else if (same + (end - k - 1) <= beat) {
                return same;
            }
        }
        return same;
    }

    private static int extend(byte[] old, int o, byte[] nw, int n) {
        int max = Math.min(old.length - o, nw.length - n);
        if (max <= 0) {
            return 0;
        }
        int m = Arrays.mismatch(old, o, o + max, nw, n, n + max);
        return m < 0 ? max : m;
    }

    private static int hash(byte[] data, int at) {
        int h = 0;
        for (int i = 0; i < BLOCK; i++) {
            h = h * MULTIPLIER + data[at + i];
        }
        return h;
    }

    /** Old positions of aligned blocks by hash: open addressing, a few probes, duplicates kept once. */
    private static final class Index {
        private final byte[] old;
        /** One long per slot, hash in the high half and position + 1 in the low: one cache line per probe. */
        private final long[] entries;
        private final int half;
        private final int shift;
        /** Bytes compared while judging candidates, and how many are worth it before judging less. */
        private long work;
        private final long budget;

        Index(byte[] old, int newSize) {
            this.old = old;
            this.budget = 64L * newSize + (1 << 20);
            int slots = tableSlots(old.length);
            this.entries = new long[slots];
            this.half = slots >>> 1;
            this.shift = 32 - Integer.numberOfTrailingZeros(slots);
            if (old.length < PARALLEL_INDEX_BYTES) {
                build(0);
                build(half);
                return;
            }
            // Both cores: each thread owns one half of the table (probing never leaves a half), and
            // inserts in block order, so the table is the same on every run.
            Thread upper = new Thread(() -> build(half), "bsdiff-index");
            upper.start();
            build(0);
            boolean interrupted = false;
            while (true) {
                try {
                    upper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** @return whether judging candidates has cost more than it is worth on this input */
        boolean overBudget() {
            return work > budget;
        }

        /** Inserts every block whose home slot lies in the half starting at {@code base}. */
        private void build(int base) {
            int[] hashes = new int[256];
            for (int p = 0; p + BLOCK <= old.length; ) {
                // Hash a batch first, then insert: the inserts' cache misses are independent and overlap.
                int n = 0;
                for (int q = p; n < hashes.length && q + BLOCK <= old.length; q += BLOCK) {
                    hashes[n++] = hash(old, q);
                }
                for (int k = 0; k < n; k++, p += BLOCK) {
                    if ((slot(hashes[k]) & half) == base) {
                        insert(hashes[k], p);
                    }
                }
            }
        }

        private int slot(int h) {
            return (h * 0x9E3779B9) >>> shift;
        }

        /** The next slot in the same half of the table. */
        private int next(int s) {
            return (s & half) | ((s + 1) & (half - 1));
        }

        private void insert(int h, int p) {
            int s = slot(h);
            for (int probe = 0; probe < PROBES; probe++, s = next(s)) {
                if (entries[s] == 0) {
                    entries[s] = ((long) h << 32) | (p + 1L);
                    return;
                }
            }
            // All probes taken: the block is common; earlier occurrences serve.
        }

        /**
         * Finds, among the indexed blocks equal to nw[at, at + BLOCK), the one whose match extends
         * furthest, backwards no further than {@code floor}.
         *
         * @return whether any was found; the match is left in {@code out}
         */
        boolean longest(int h, byte[] nw, int at, int floor, Match out) {
            int s = slot(h);
            out.length = 0;
            out.quality = 0;
            int verified = 0;
            // On low-entropy input every probe matches and judging them all costs more than it finds:
            // past the budget, take the first.
            int candidates = work > budget ? 1 : PROBES;
            for (int probe = 0; probe < PROBES && verified < candidates; probe++, s = next(s)) {
                long entry = entries[s];
                if (entry == 0) {
                    break;
                }
                int p = (int) entry - 1;
                if ((int) (entry >>> 32) != h || !Arrays.equals(old, p, p + BLOCK, nw, at, at + BLOCK)) {
                    continue;
                }
                verified++;
                int back = 0;
                while (at - back > floor && p - back > 0 && old[p - back - 1] == nw[at - back - 1]) {
                    back++;
                }
                int length = back + BLOCK + extend(old, p + BLOCK, nw, at + BLOCK);
                work += length < LAZY ? LAZY : length;
                if (length < LAZY && LAZY <= out.quality) {
                    continue; // even full agreement could not beat the best so far
                }
                int quality = length < LAZY ? length + agreement(old, p - back + length, nw, at - back + length,
                        LAZY - length, out.quality - length) : length;
                if (quality > out.quality) {
                    out.start = at - back;
                    out.pos = p - back;
                    out.length = length;
                    out.quality = quality;
                }
            }
            return out.length > 0;
        }
    }
}
