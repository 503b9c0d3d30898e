package io.deltachain.strategy.zstdpatch.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Long matches of the new version in the old one and in its own earlier bytes, as zstd's long-distance
 * matcher finds them for {@code zstd --patch-from}: the old version is sampled every {@value #STRIDE}
 * bytes by a hash of the {@value #KEY} bytes there; the new version is probed at every position
 * outside a match, first at the last match's offset ({@value #REPEAT} bytes or more are taken), then
 * through the hash; a candidate is extended both ways and kept from {@value #MIN_MATCH} bytes. Positions are virtual: the old
 * version's bytes first, then the new version's, as zstd sees a reference and the frame after it.
 */
final class LongMatches {
    /** Bytes hashed; also the shortest match kept. */
    static final int KEY = 24;
    /** The shortest match at a new offset: shorter ones are mostly chance repeats of common strings. */
    static final int MIN_MATCH = 64;
    /** The shortest match continuing at the last match's offset. */
    static final int REPEAT = 8;
    /** Sources farther back than the frame's offsets reach (less a match's length) are not looked at. */
    private static final long FAR = LongMatchFrame.MAX_OFFSET - (1 << 20);
    /** Old-version positions sampled. */
    static final int STRIDE = 8;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per match: start in the new version, length, and virtual source position. */
    int[] at = new int[64];
    int[] length = new int[64];
    long[] source = new long[64];
    int count;
    long matched;

    private LongMatches() {
    }

    /**
     * @param base the old version
     * @param target the new version
     * @return the matches, in order, not overlapping
     */
    static LongMatches find(byte[] base, byte[] target) {
        LongMatches m = new LongMatches();
        int bits = tableBits(base.length, target.length);
        int[] table = new int[1 << bits];
        Arrays.fill(table, -1);
        int shift = 64 - bits;
        for (int p = 0; p + KEY <= base.length; p += STRIDE) {
            table[hash(base, p, shift)] = p;
        }
        long b = base.length;
        int anchor = 0;
        long offset = 0; // of the last match: a match continuing at it is cheap (zstd's repeat offset)
        int i = 0;
        int end = target.length - KEY;
        while (i <= end) {
            if (offset > 0 && b + i - offset >= 0 && offset <= LongMatchFrame.MAX_OFFSET) {
                long from = b + i - offset;
                int forward = from < b ? mismatch(target, i, base, (int) from) : mismatch(target, i, target, (int) (from - b));
                if (forward >= REPEAT) {
                    m.add(i, forward, from);
                    anchor = i + forward;
                    i = anchor;
                    continue;
                }
            }
            int h = hash(target, i, shift);
            int candidate = table[h];
            if ((i & (STRIDE - 1)) == 0 && b + i <= Integer.MAX_VALUE) {
                table[h] = (int) (b + i); // the new version's own positions, after the old version's
            }
            if (candidate >= 0 && (candidate < b || candidate - b < i) && b + i - candidate <= FAR) {
                boolean inBase = candidate < b;
                byte[] src = inBase ? base : target;
                int s = inBase ? candidate : (int) (candidate - b);
                int forward = mismatch(target, i, src, s);
                if (forward >= KEY) {
                    int back = 0;
                    while (i - back > anchor && s - back > 0 && target[i - back - 1] == src[s - back - 1]) {
                        back++;
                    }
                    if (forward + back >= MIN_MATCH) {
                        long from = (inBase ? 0 : b) + s - back;
                        m.add(i - back, forward + back, from);
                        offset = b + i - back - from;
                        anchor = i + forward;
                        i = anchor;
                        continue;
                    }
                }
            }
            i++;
        }
        return m;
    }

    /** Equal bytes from {@code a[aFrom]} and {@code b[bFrom]} on (overlap within one array is fine). */
    private static int mismatch(byte[] a, int aFrom, byte[] b, int bFrom) {
        int n = Arrays.mismatch(a, aFrom, a.length, b, bFrom, b.length);
        return n < 0 ? Math.min(a.length - aFrom, b.length - bFrom) : n;
    }

    /** @return log2 of the hash table's entries: one per sample, at most 2^25 (128 MiB) */
    static int tableBits(long base, long target) {
        long samples = base / STRIDE + target / STRIDE + 1;
        return Math.max(12, Math.min(25, 64 - Long.numberOfLeadingZeros(samples)));
    }

    private void add(int start, int len, long virtual) {
        if (count == at.length) {
            at = Arrays.copyOf(at, count * 2);
            length = Arrays.copyOf(length, count * 2);
            source = Arrays.copyOf(source, count * 2);
        }
        at[count] = start;
        length[count] = len;
        source[count] = virtual;
        count++;
        matched += len;
    }

    private static int hash(byte[] in, int p, int shift) {
        long x = (long) LONGS.get(in, p) * 0x9E3779B185EBCA87L;
        x = (x ^ (long) LONGS.get(in, p + 8)) * 0xC2B2AE3D27D4EB4FL;
        x = (x ^ (long) LONGS.get(in, p + 16)) * 0x165667B19E3779F9L;
        return (int) (x >>> shift);
    }
}
