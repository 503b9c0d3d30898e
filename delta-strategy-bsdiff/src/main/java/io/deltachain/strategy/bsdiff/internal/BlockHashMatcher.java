package io.deltachain.strategy.bsdiff.internal;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Fast matching: exact matches are found by hashing the old file's aligned blocks and rolling a hash
 * over the new file (expected linear time, no suffix sort), then extended forwards and backwards;
 * bsdiff's triple construction ({@link TripleBuilder}) turns them into control, diff and extra
 * blocks, so approximate matches (a few changed bytes inside a long match) still land in the diff
 * block as in bsdiff. A match that merely continues the current alignment is no event at all.
 *
 * <p>Memory beyond the inputs: a hash table of two ints per slot, about one slot per
 * {@value #BLOCK} / 2 old bytes (≈ 1 byte per old byte), plus the diff and extra blocks; then,
 * the table dropped, a bitmap of used old bytes (1/8 byte per old byte) and the gap pass's suffix
 * array over at most half the old file (at most 5 bytes per old byte).
 * Degenerate inputs (zeros, short periods) stay linear: one table entry serves every identical
 * block, and a match is extended in one pass.
 *
 * <p>A second pass then looks for the shorter matches block hashing cannot see (under
 * 2 × {@value #BLOCK} − 1 bytes) in the gaps it left: a suffix array of only the old file's stretches no
 * block match used (at most half the old file, and 32 bytes per gap byte beyond 64 KiB), searched at
 * every gap position, giving up on a gap after a run of fruitless positions.
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
    /** The shortest match the gap pass looks for. */
    private static final int MIN_GAP_MATCH = 8;
    /** The gap pass gives up on a gap after this many positions in a row without a match (unrelated data). */
    private static final int GIVE_UP = 4096;

    @Override
    public long peakBytes(long oldSize, long newSize) {
        // index, then (the index dropped) the gap pass's suffix array over at most half the old file;
        // the used-old bitmap; diff block, extra block (grown; all of the new file at worst)
        return Math.max(8L * tableSlots(oldSize), 5 * oldSize) + oldSize / 8 + 2 * newSize + 4096;
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
        BitSet usedOld = new BitSet(old.length);
        Plan plan = firstPass(old, nw, usedOld);
        GapFinder gaps = new GapFinder(old, nw, usedOld, plan.gapBytes());
        for (int k = 0; k < plan.size; k++) {
            int[] e = plan.at(k);
            gaps.fill(e[0], e[1], triples);
            if (e[2] >= 0 && (e[5] != 0 || e[4] > triples.scoreAtLastOffset(e[2], e[4]) + SWITCH_MARGIN)) {
                triples.matchAt(e[2], e[3]);
            }
        }
        triples.finish();
    }

    /**
     * Block matching: finds the long exact matches and records, in order, each stretch of the new
     * file left unexplained (a gap) and the match candidate that ends it.
     */
    private Plan firstPass(byte[] old, byte[] nw, BitSet usedOld) {
        Index index = new Index(old, nw.length);
        Plan plan = new Plan();
        int newSize = nw.length;
        int offset = 0; // old position minus new position of the alignment in use
        int covered = 0; // new bytes before this are explained by an event already
        int i = 0;
        int h = hash(nw, 0);
        Match best = new Match();
        Match other = new Match();
        while (i + BLOCK <= newSize) {
            int o = i + offset;
            int run = o >= 0 && o + BLOCK <= old.length && Arrays.equals(old, o, o + BLOCK, nw, i, i + BLOCK)
                    ? BLOCK + extend(old, o + BLOCK, nw, i + BLOCK) : 0;
            if (run >= LAZY || run > 0 && !(index.longest(h, nw, i, covered, best) && best.length > run + SWITCH_MARGIN)) {
                // The current alignment still holds (and nothing much longer starts here): no event.
                if (covered < i) {
                    plan.add(covered, i, i, o, run, true);
                }
                usedOld.set(o, o + run);
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
            boolean switched = best.length > score(old, nw, offset, best.start, best.length) + SWITCH_MARGIN;
            plan.add(covered, best.start, best.start, best.pos, best.length, switched);
            if (switched) {
                offset = best.pos - best.start;
            }
            usedOld.set(best.pos, best.pos + best.length);
            i = best.start + best.length;
            covered = i;
            if (i + BLOCK <= newSize) {
                h = hash(nw, i);
            }
        }
        plan.add(covered, newSize, -1, 0, 0, false);
        return plan;
    }

    /** bsdiff's "how much of new[scan, scan + len) already matches at this alignment". */
    static int score(byte[] old, byte[] nw, int offset, int scan, int len) {
        int score = 0;
        int end = Math.min(scan + len, old.length - offset);
        for (int i = Math.max(scan, -offset); i < end; i++) {
            if (old[i + offset] == nw[i]) {
                score++;
            }
        }
        return score;
    }

    /** The first pass's record: gaps of the new file and the candidates that end them, in order. */
    private static final class Plan {
        private int[] data = new int[6 * 64];
        int size;
        private final int[] row = new int[6];

        void add(int gapStart, int gapEnd, int start, int pos, int length, boolean switched) {
            if (6 * size + 6 > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            int b = 6 * size++;
            data[b] = gapStart;
            data[b + 1] = gapEnd;
            data[b + 2] = start;
            data[b + 3] = pos;
            data[b + 4] = length;
            data[b + 5] = switched ? 1 : 0;
        }

        int[] at(int k) {
            System.arraycopy(data, 6 * k, row, 0, 6);
            return row;
        }

        long gapBytes() {
            long total = 0;
            for (int k = 0; k < size; k++) {
                total += Math.max(0, data[6 * k + 1] - data[6 * k]);
            }
            return total;
        }
    }

    /**
     * The second, finer pass: in the gaps block matching left, the longest match of every position
     * among the old file's unused stretches (those no block match touched), by a suffix array of
     * those stretches alone, so that matches shorter than two blocks are found where they matter.
     */
    private static final class GapFinder {
        private final byte[] old;
        private final byte[] nw;
        /** The unused old stretches, back to back, their suffix array, and where each stretch came from. */
        private final byte[] text;
        private final int[] sa;
        private final int[] textStarts;
        private final int[] oldStarts;

        GapFinder(byte[] old, byte[] nw, BitSet usedOld, long gapBytes) {
            this.old = old;
            this.nw = nw;
            // Bounded so that the pass stays cheap beside block matching: at most half the old file, and
            // no more than 32 old bytes per gap byte (beyond a first MiB).
            int cap = gapBytes < MIN_GAP_MATCH ? 0 : (int) Math.min(old.length / 2, Math.max(1 << 16, 32 * gapBytes));
            int total = 0;
            int regions = 0;
            for (int p = usedOld.nextClearBit(0); p < old.length && total < cap; ) {
                int end = Math.min(usedOld.nextSetBit(p) < 0 ? old.length : usedOld.nextSetBit(p), p + cap - total);
                if (end - p >= MIN_GAP_MATCH) {
                    total += end - p;
                    regions++;
                }
                p = end >= old.length ? old.length : usedOld.nextClearBit(end);
            }
            text = new byte[total];
            textStarts = new int[regions];
            oldStarts = new int[regions];
            int at = 0;
            int r = 0;
            for (int p = usedOld.nextClearBit(0); p < old.length && r < regions; ) {
                int end = Math.min(usedOld.nextSetBit(p) < 0 ? old.length : usedOld.nextSetBit(p), p + total - at);
                if (end - p >= MIN_GAP_MATCH) {
                    System.arraycopy(old, p, text, at, end - p);
                    textStarts[r] = at;
                    oldStarts[r++] = p;
                    at += end - p;
                }
                p = end >= old.length ? old.length : usedOld.nextClearBit(end);
            }
            sa = total == 0 ? new int[0] : SuffixArray.of(text);
        }

        /** Emits the events of the shorter matches found in new[from, to). */
        void fill(int from, int to, TripleBuilder triples) {
            if (sa.length == 0) {
                return;
            }
            int misses = 0;
            for (int j = from; j + MIN_GAP_MATCH <= to && misses < GIVE_UP; ) {
                int p = search(j, to);
                if (p >= 0) {
                    int length = extend(old, p, nw, j);
                    if (length >= MIN_GAP_MATCH && length > triples.scoreAtLastOffset(j, length) + SWITCH_MARGIN) {
                        triples.matchAt(j, p);
                        j += length;
                        misses = 0;
                        continue;
                    }
                }
                misses++;
                j++;
            }
        }

        /** @return the old position of the longest match of nw[from, to) among the stretches, or -1 */
        private int search(int from, int to) {
            int st = 0;
            int en = sa.length - 1;
            while (en - st >= 2) {
                int mid = st + (en - st) / 2;
                int p = sa[mid];
                int n = Math.min(text.length - p, to - from);
                if (Arrays.compareUnsigned(text, p, p + n, nw, from, from + n) < 0) {
                    st = mid;
                } else {
                    en = mid;
                }
            }
            int x = common(sa[st], from, to);
            int y = common(sa[en], from, to);
            int t = x >= y ? sa[st] : sa[en];
            if (Math.max(x, y) < MIN_GAP_MATCH) {
                return -1;
            }
            int r = Arrays.binarySearch(textStarts, t);
            r = r >= 0 ? r : -r - 2;
            return oldStarts[r] + (t - textStarts[r]);
        }

        private int common(int p, int from, int to) {
            int n = Math.min(text.length - p, to - from);
            int m = Arrays.mismatch(text, p, p + n, nw, from, from + n);
            return m < 0 ? n : m;
        }
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
