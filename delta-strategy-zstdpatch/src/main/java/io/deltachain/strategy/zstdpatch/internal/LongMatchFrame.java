package io.deltachain.strategy.zstdpatch.internal;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes one zstd frame (RFC 8878) of the new version from {@link LongMatches}: what zstd's
 * long-distance matcher gives {@code zstd --patch-from}, written by us because zstd-jni cannot hand the
 * old version to that matcher. Literals are stored raw and sequences with zstd's predefined FSE
 * distributions, so the frame suits new versions that are mostly the old one; repeat offsets are used
 * where a match continues at the previous offset. Single segment, content size and checksum, no
 * dictionary id: {@code zstd -d --patch-from=OLD} and zstd-jni with the old version as dictionary
 * decode it.
 */
final class LongMatchFrame {
    private static final int BLOCK = 128 << 10;
    /** Offsets the predefined offset table codes (29 codes): {@code offset + 3 < 2^29}. */
    static final long MAX_OFFSET = (1L << 29) - 4;

    private static final int[] LL_BASE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28,
        32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536};
    private static final int[] LL_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6,
        7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private static final int[] ML_BASE = new int[53];
    private static final int[] ML_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private static final Fse LL = new Fse(6, new int[] {4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1});
    private static final Fse ML = new Fse(6, new int[] {1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1});
    private static final Fse OF = new Fse(5, new int[] {1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, -1, -1, -1, -1, -1});
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        int base = 3;
        for (int code = 0; code < ML_BASE.length; code++) {
            ML_BASE[code] = base;
            base += 1 << ML_BITS[code];
        }
    }

    private final byte[] target;
    private final long baseLength;
    private final ByteArrayOutputStream out;
    private final int[] rep = {1, 4, 8};
    // one block's sequences
    private int[] litLength = new int[256];
    private int[] matchLength = new int[256];
    private long[] offBase = new long[256];
    private int sequences;

    private LongMatchFrame(long baseLength, byte[] target) {
        this.baseLength = baseLength;
        this.target = target;
        this.out = new ByteArrayOutputStream(1024 + target.length / 64);
    }

    /**
     * @param baseLength bytes of the old version the matches refer to
     * @param target the new version
     * @param matches its matches, in order, not overlapping
     * @return the frame
     */
    static byte[] write(long baseLength, byte[] target, LongMatches matches) {
        LongMatchFrame f = new LongMatchFrame(baseLength, target);
        f.header();
        int m = 0;
        for (int start = 0; start < target.length || start == 0; start += BLOCK) {
            int end = Math.min(target.length, start + BLOCK);
            while (m < matches.count && matches.at[m] + matches.length[m] <= start) {
                m++;
            }
            f.block(start, end, matches, m, end == target.length);
            if (target.length == 0) {
                break;
            }
        }
        f.le(4, Xxh64.hash(target) & 0xFFFFFFFFL);
        return f.out.toByteArray();
    }

    private void header() {
        le(4, PatchFrame.MAGIC & 0xFFFFFFFFL);
        long size = target.length;
        if (size < 256) {
            out.write(0x20 | 0x04); // single segment, checksum, one-byte content size
            out.write((int) size);
        } else if (size < 65536 + 256) {
            out.write(0x40 | 0x20 | 0x04);
            le(2, size - 256);
        } else {
            out.write(0x80 | 0x20 | 0x04);
            le(4, size);
        }
    }

    private void block(int start, int end, LongMatches matches, int first, boolean last) {
        int[] saved = rep.clone();
        sequences = 0;
        int cursor = start;
        for (int m = first; m < matches.count && matches.at[m] < end; m++) {
            int from = Math.max(matches.at[m], start);
            int to = Math.min(matches.at[m] + matches.length[m], end);
            long offset = baseLength + matches.at[m] - matches.source[m];
            if (from == start && from > matches.at[m]) {
                from++; // a match continued from the last block: one literal, then the repeat offset
            }
            if (to - from < 3 || offset > MAX_OFFSET || from < cursor) {
                continue;
            }
            sequence(from - cursor, offset, to - from);
            cursor = to;
        }
        byte[] body = compressed(start, end, cursor);
        if (body == null || body.length >= end - start) {
            System.arraycopy(saved, 0, rep, 0, 3); // a raw block leaves the repeat offsets as they were
            le(3, (last ? 1 : 0) | (end - start) << 3);
            out.write(target, start, end - start);
        } else {
            le(3, (last ? 1 : 0) | 2 << 1 | body.length << 3);
            out.write(body, 0, body.length);
        }
    }

    private void sequence(int literals, long offset, int length) {
        if (sequences == litLength.length) {
            litLength = java.util.Arrays.copyOf(litLength, sequences * 2);
            matchLength = java.util.Arrays.copyOf(matchLength, sequences * 2);
            offBase = java.util.Arrays.copyOf(offBase, sequences * 2);
        }
        long code;
        if (literals > 0 && offset == rep[0]) {
            code = 1;
        } else {
            code = offset + 3;
            rep[2] = rep[1];
            rep[1] = rep[0];
            rep[0] = (int) offset;
        }
        litLength[sequences] = literals;
        matchLength[sequences] = length;
        offBase[sequences] = code;
        sequences++;
    }

    /** The block's literals and sequences, or null when they would not fit a block. */
    private byte[] compressed(int start, int end, int cursor) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        // literals: every byte outside the matches, raw
        int total = 0;
        for (int k = 0; k < sequences; k++) {
            total += litLength[k];
        }
        total += end - cursor;
        if (total < 32) {
            body.write(total << 3);
        } else if (total < 4096) {
            int h = total << 4 | 1 << 2;
            body.write(h);
            body.write(h >>> 8);
        } else {
            int h = total << 4 | 3 << 2;
            body.write(h);
            body.write(h >>> 8);
            body.write(h >>> 16);
        }
        int p = start;
        for (int k = 0; k < sequences; k++) {
            body.write(target, p, litLength[k]);
            p += litLength[k] + matchLength[k];
        }
        body.write(target, p, end - p);
        // sequences
        int n = sequences;
        if (n < 128) {
            body.write(n);
        } else if (n < 0x7F00) {
            body.write((n >>> 8) + 0x80);
            body.write(n & 0xFF);
        } else {
            body.write(0xFF);
            body.write((n - 0x7F00) & 0xFF);
            body.write((n - 0x7F00) >>> 8);
        }
        if (n > 0) {
            body.write(0); // predefined distributions for literal lengths, offsets and match lengths
            Bits bits = new Bits(n * 8 + 16);
            int last = n - 1;
            int llCode = llCode(litLength[last]);
            int mlCode = mlCode(matchLength[last]);
            int ofCode = 63 - Long.numberOfLeadingZeros(offBase[last]);
            int ml = ML.init(mlCode);
            int of = OF.init(ofCode);
            int ll = LL.init(llCode);
            bits.add(litLength[last] - LL_BASE[llCode], LL_BITS[llCode]);
            bits.add(matchLength[last] - ML_BASE[mlCode], ML_BITS[mlCode]);
            bits.add(offBase[last], ofCode);
            for (int k = n - 2; k >= 0; k--) {
                llCode = llCode(litLength[k]);
                mlCode = mlCode(matchLength[k]);
                ofCode = 63 - Long.numberOfLeadingZeros(offBase[k]);
                of = OF.encode(bits, of, ofCode);
                ml = ML.encode(bits, ml, mlCode);
                ll = LL.encode(bits, ll, llCode);
                bits.add(litLength[k] - LL_BASE[llCode], LL_BITS[llCode]);
                bits.add(matchLength[k] - ML_BASE[mlCode], ML_BITS[mlCode]);
                bits.add(offBase[k], ofCode);
            }
            bits.add(ml, ML.log);
            bits.add(of, OF.log);
            bits.add(ll, LL.log);
            bits.close();
            body.write(bits.bytes, 0, bits.size);
        }
        return body.size() > BLOCK ? null : body.toByteArray();
    }

    private static int llCode(int litLength) {
        if (litLength < 16) {
            return litLength;
        }
        int code = 16;
        while (code + 1 < LL_BASE.length && LL_BASE[code + 1] <= litLength) {
            code++;
        }
        return code;
    }

    private static int mlCode(int matchLength) {
        if (matchLength < 35) {
            return matchLength - 3;
        }
        int code = 32;
        while (code + 1 < ML_BASE.length && ML_BASE[code + 1] <= matchLength) {
            code++;
        }
        return code;
    }

    private void le(int bytes, long value) {
        for (int k = 0; k < bytes; k++) {
            out.write((int) (value >>> (8 * k)));
        }
    }

    /** zstd's forward bit stream: bits from the lowest, bytes little-endian, closed by a 1 bit. */
    private static final class Bits {
        byte[] bytes;
        int size;
        private long acc;
        private int count;

        Bits(int capacity) {
            bytes = new byte[capacity];
        }

        void add(long value, int n) {
            acc |= (value & ((1L << n) - 1)) << count;
            count += n;
            while (count >= 8) {
                if (size == bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, size * 2);
                }
                bytes[size++] = (byte) acc;
                acc >>>= 8;
                count -= 8;
            }
        }

        void close() {
            add(1, 1);
            if (count > 0) {
                add(0, 8 - count);
            }
        }
    }

    /** An FSE encoding table for one normalized distribution (zstd's predefined ones). */
    private static final class Fse {
        final int log;
        private final int[] stateTable;
        private final int[] deltaNbBits;
        private final int[] deltaFindState;

        Fse(int log, int[] norm) {
            this.log = log;
            int size = 1 << log;
            int[] symbolAt = new int[size];
            int high = size - 1;
            int[] cumul = new int[norm.length + 1];
            for (int s = 0; s < norm.length; s++) {
                if (norm[s] == -1) {
                    symbolAt[high--] = s;
                    cumul[s + 1] = cumul[s] + 1;
                } else {
                    cumul[s + 1] = cumul[s] + norm[s];
                }
            }
            int step = (size >>> 1) + (size >>> 3) + 3;
            int position = 0;
            for (int s = 0; s < norm.length; s++) {
                for (int k = 0; k < norm[s]; k++) {
                    symbolAt[position] = s;
                    do {
                        position = (position + step) & (size - 1);
                    } while (position > high);
                }
            }
            stateTable = new int[size];
            int[] next = cumul.clone();
            for (int u = 0; u < size; u++) {
                stateTable[next[symbolAt[u]]++] = size + u;
            }
            deltaNbBits = new int[norm.length];
            deltaFindState = new int[norm.length];
            int total = 0;
            for (int s = 0; s < norm.length; s++) {
                if (norm[s] == -1 || norm[s] == 1) {
                    deltaNbBits[s] = (log << 16) - size;
                    deltaFindState[s] = total - 1;
                    total++;
                } else {
                    int maxBitsOut = log - (31 - Integer.numberOfLeadingZeros(norm[s] - 1));
                    int minStatePlus = norm[s] << maxBitsOut;
                    deltaNbBits[s] = (maxBitsOut << 16) - minStatePlus;
                    deltaFindState[s] = total - norm[s];
                    total += norm[s];
                }
            }
        }

        int init(int symbol) {
            int nbBitsOut = (deltaNbBits[symbol] + (1 << 15)) >>> 16;
            int value = (nbBitsOut << 16) - deltaNbBits[symbol];
            return stateTable[(value >>> nbBitsOut) + deltaFindState[symbol]];
        }

        int encode(Bits bits, int state, int symbol) {
            int nbBitsOut = (state + deltaNbBits[symbol]) >>> 16;
            bits.add(state, nbBitsOut);
            return stateTable[(state >>> nbBitsOut) + deltaFindState[symbol]];
        }
    }

    /** XXH64 with seed 0, as zstd's content checksum takes its low 32 bits. */
    static final class Xxh64 {
        private static final long P1 = 0x9E3779B185EBCA87L;
        private static final long P2 = 0xC2B2AE3D27D4EB4FL;
        private static final long P3 = 0x165667B19E3779F9L;
        private static final long P4 = 0x85EBCA77C2B2AE63L;
        private static final long P5 = 0x27D4EB2F165667C5L;

        private Xxh64() {
        }

        static long hash(byte[] in) {
            int n = in.length;
            int p = 0;
            long h;
            if (n >= 32) {
                long v1 = P1 + P2;
                long v2 = P2;
                long v3 = 0;
                long v4 = -P1;
                for (; p + 32 <= n; p += 32) {
                    v1 = round(v1, (long) LONGS.get(in, p));
                    v2 = round(v2, (long) LONGS.get(in, p + 8));
                    v3 = round(v3, (long) LONGS.get(in, p + 16));
                    v4 = round(v4, (long) LONGS.get(in, p + 24));
                }
                h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
                h = merge(h, v1);
                h = merge(h, v2);
                h = merge(h, v3);
                h = merge(h, v4);
            } else {
                h = P5;
            }
            h += n;
            for (; p + 8 <= n; p += 8) {
                h ^= round(0, (long) LONGS.get(in, p));
                h = Long.rotateLeft(h, 27) * P1 + P4;
            }
            if (p + 4 <= n) {
                h ^= ((int) INTS.get(in, p) & 0xFFFFFFFFL) * P1;
                h = Long.rotateLeft(h, 23) * P2 + P3;
                p += 4;
            }
            for (; p < n; p++) {
                h ^= (in[p] & 0xFFL) * P5;
                h = Long.rotateLeft(h, 11) * P1;
            }
            h ^= h >>> 33;
            h *= P2;
            h ^= h >>> 29;
            h *= P3;
            h ^= h >>> 32;
            return h;
        }

        private static long round(long acc, long lane) {
            return Long.rotateLeft(acc + lane * P2, 31) * P1;
        }

        private static long merge(long acc, long value) {
            return (acc ^ round(0, value)) * P1 + P4;
        }
    }
}
