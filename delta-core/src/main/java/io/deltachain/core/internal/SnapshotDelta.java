package io.deltachain.core.internal;

import io.deltachain.api.CorruptDeltaException;
import java.io.ByteArrayOutputStream;

/**
 * The store's own binary delta between two snapshots of a chain (docs/FORMAT.md, "Snapshot frame,
 * version 3"): a sequence of instructions, each a varint {@code n << 1 | kind}, kind 0 followed by
 * {@code n} literal bytes, kind 1 by a varint offset into the base from which {@code n} bytes are copied.
 * Found by hashing the base's 16-byte blocks at every 8th offset and extending each match both ways;
 * deterministic. Only the store uses it, for snapshot frames: strategies make the chain's records.
 */
public final class SnapshotDelta {
    private static final int BLOCK = 16;
    private static final int STEP = 8;

    private SnapshotDelta() {
    }

    /** @return instructions that turn {@code base} into {@code target} */
    public static byte[] diff(byte[] base, byte[] target) {
        int entries = base.length < BLOCK ? 0 : (base.length - BLOCK) / STEP + 1;
        int size = Integer.highestOneBit(Math.max(16, entries * 2 - 1)) << 1;
        int[] table = new int[size];
        java.util.Arrays.fill(table, -1);
        for (int i = 0; i + BLOCK <= base.length; i += STEP) {
            int slot = (int) (hash(base, i) & (size - 1));
            if (table[slot] < 0) {
                table[slot] = i; // the first wins: deterministic, and earlier copies are as good as later
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, target.length / 16));
        int literal = 0;
        int p = 0;
        while (p + BLOCK <= target.length) {
            int c = entries == 0 ? -1 : table[(int) (hash(target, p) & (size - 1))];
            if (c < 0 || !java.util.Arrays.equals(base, c, c + BLOCK, target, p, p + BLOCK)) {
                p++;
                continue;
            }
            int start = p;
            int from = c;
            while (start > literal && from > 0 && base[from - 1] == target[start - 1]) {
                start--;
                from--;
            }
            int end = p + BLOCK;
            int to = c + BLOCK;
            while (end < target.length && to < base.length && base[to] == target[end]) {
                end++;
                to++;
            }
            insert(out, target, literal, start);
            varint(out, (long) (end - start) << 1 | 1);
            varint(out, from);
            literal = end;
            p = end;
        }
        insert(out, target, literal, target.length);
        return out.toByteArray();
    }

    /**
     * @param base the state the instructions were made from
     * @param delta instructions from {@link #diff}, possibly damaged
     * @param length the length the result must have (the frame's)
     * @param where for messages
     * @return the target
     * @throws CorruptDeltaException when an instruction reaches outside the base or the result's length
     */
    public static byte[] apply(byte[] base, byte[] delta, int length, String where) {
        byte[] out = new byte[length];
        int o = 0;
        int[] at = {0};
        while (at[0] < delta.length) {
            long head = varint(delta, at, where);
            long n = head >>> 1;
            if (n > length - o) {
                throw new CorruptDeltaException(where + ": the snapshot delta writes past the " + length + " bytes its"
                        + " frame says");
            }
            if ((head & 1) == 0) {
                if (n > delta.length - at[0]) {
                    throw new CorruptDeltaException(where + ": the snapshot delta is cut short inside a literal");
                }
                System.arraycopy(delta, at[0], out, o, (int) n);
                at[0] += (int) n;
            } else {
                long from = varint(delta, at, where);
                if (from > base.length - n) {
                    throw new CorruptDeltaException(where + ": the snapshot delta copies from past the end of its base ("
                            + base.length + " bytes)");
                }
                System.arraycopy(base, (int) from, out, o, (int) n);
            }
            o += (int) n;
        }
        if (o != length) {
            throw new CorruptDeltaException(where + ": the snapshot delta makes " + o + " bytes, its frame says "
                    + length);
        }
        return out;
    }

    private static void insert(ByteArrayOutputStream out, byte[] target, int from, int to) {
        if (to > from) {
            varint(out, (long) (to - from) << 1);
            out.write(target, from, to - from);
        }
    }

    private static long hash(byte[] b, int i) {
        long h = 0;
        for (int k = 0; k < BLOCK; k++) {
            h = h * 0x100000001B3L + (b[i + k] & 0xff);
        }
        return h ^ h >>> 29;
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long varint(byte[] b, int[] at, String where) {
        long v = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            if (at[0] >= b.length) {
                throw new CorruptDeltaException(where + ": the snapshot delta is cut short inside a number");
            }
            int x = b[at[0]++] & 0xff;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptDeltaException(where + ": a number in the snapshot delta is too long");
    }
}
