package io.deltachain.core.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;

/**
 * The snapshot file of a directory chain store (docs/FORMAT.md, "Snapshot frame"): magic
 * {@code DLTS}, version u8 (1), flags u8 (0), length u32, the state's canonical bytes, CRC32C u32 of
 * every byte before it.
 */
public final class SnapshotFrame {
    private static final byte[] MAGIC = {'D', 'L', 'T', 'S'};
    private static final int VERSION = 1;
    private static final int OVERHEAD = 4 + 1 + 1 + 4 + 4;

    private SnapshotFrame() {
    }

    /**
     * @param state canonical state bytes
     * @return the framed bytes
     */
    public static byte[] write(byte[] state) {
        WireWriter out = new WireWriter(state.length + OVERHEAD);
        out.raw(MAGIC).u8(VERSION).u8(0).i32(state.length).raw(state);
        return out.toByteArrayWithCrc32c();
    }

    /**
     * @param framed bytes from {@link #write}, possibly damaged
     * @param limits bound on the state size
     * @param where the file, for messages
     * @return the canonical state bytes
     */
    public static byte[] read(byte[] framed, Limits limits, String where) {
        if (framed.length < OVERHEAD) {
            throw new CorruptDeltaException(where + ": snapshot is truncated (" + framed.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (framed[i] != MAGIC[i]) {
                throw new CorruptDeltaException(where + ": not a Deltachain snapshot (bad magic)");
            }
        }
        if (framed[4] != VERSION || framed[5] != 0) {
            throw new CorruptDeltaException(where + ": snapshot version " + (framed[4] & 0xFF) + " / flags "
                    + (framed[5] & 0xFF) + " not supported");
        }
        int crcAt = framed.length - 4;
        WireReader tail = new WireReader(framed, crcAt, framed.length, where);
        if (tail.i32("crc32c") != Crc32c.of(framed, 0, crcAt)) {
            throw new CorruptDeltaException(where + ": snapshot CRC32C mismatch; the file is damaged");
        }
        WireReader in = new WireReader(framed, 6, crcAt, where);
        int length = in.length("state length", in.remaining());
        limits.checkStateSize(length, where + " snapshot");
        byte[] state = in.bytes(length, "state");
        if (in.remaining() != 0) {
            throw new CorruptDeltaException(where + ": " + in.remaining() + " stray bytes after the snapshot state");
        }
        return state;
    }
}
