package io.deltachain.core.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.spi.Codec;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The snapshot frame of a directory chain store (docs/FORMAT.md, "Snapshot frame"): magic
 * {@code DLTS}, version u8, flags u8 (0), body length u32, the body, CRC32C u32 of every byte before it.
 * Version 1's body is the state's canonical bytes. Version 2's (store format 3) is the number of the
 * chain version whose state it holds u32 (a frame's CRC proves its bytes whole, this which version they
 * are), the id of the codec that compressed the state (u8 length, ASCII; empty: stored as it is), the
 * state's length u32, then the codec's bytes (or the state). It is compressed only when that is smaller
 * and decodes under the writer's limits.
 */
public final class SnapshotFrame {
    private static final byte[] MAGIC = {'D', 'L', 'T', 'S'};
    private static final int RAW = 1;
    private static final int NUMBERED = 2;
    private static final int DELTA = 3;
    /**
     * The most snapshot deltas a read goes through from a whole snapshot: 31, so at most 32 frames a snapshot
     * (store format 4 writes up to this depth).
     */
    public static final int MAX_DEPTH = 31;
    /** The deepest delta a store format 3 chain takes: 7 (the builds that wrote format 3 read no deeper). */
    public static final int FORMAT_3_DEPTH = 7;
    private static final int OVERHEAD = 4 + 1 + 1 + 4 + 4;

    /**
     * What a frame holds: the state, or for a version 3 frame the delta (decoded) from the snapshot of
     * {@code base}, {@code depth} deltas from a whole one; the version it names (-1 for a version 1 frame).
     */
    public record Contents(byte[] state, int version, int base, int depth, byte[] delta, int length) {
        /** @return whether the state needs the base's: a version 3 frame */
        public boolean isDelta() {
            return delta != null;
        }
    }

    private SnapshotFrame() {
    }

    /**
     * @param state canonical state bytes
     * @return the framed bytes, version 1 (the state as it is, no version number)
     */
    public static byte[] write(byte[] state) {
        WireWriter out = new WireWriter(state.length + OVERHEAD);
        out.raw(MAGIC).u8(RAW).u8(0).i32(state.length).raw(state);
        return out.toByteArrayWithCrc32c();
    }

    /**
     * @param state canonical state bytes
     * @param version the chain version whose state it is
     * @param codec the chain's codec, null for none
     * @param level its level
     * @param limits the writer's limits: a compressed state they would not decode is stored as it is
     * @return the framed bytes, version 2: compressed when that is smaller and decodes under {@code limits}
     */
    public static byte[] write(byte[] state, int version, Codec codec, int level, Limits limits) {
        byte[][] coded = compressed(state, codec, level, limits);
        byte[] id = coded[0];
        byte[] stored = coded[1];
        int body = 4 + 1 + id.length + 4 + stored.length;
        WireWriter out = new WireWriter(body + OVERHEAD);
        out.raw(MAGIC).u8(NUMBERED).u8(0).i32(body).i32(version).u8(id.length).raw(id).i32(state.length).raw(stored);
        return out.toByteArrayWithCrc32c();
    }

    /**
     * @param version the chain version whose state it is
     * @param base the version of the snapshot the delta starts from, before {@code version}
     * @param depth how many deltas the base's snapshot is from a whole one, plus one (1 to {@link #MAX_DEPTH})
     * @param delta {@link SnapshotDelta#diff} from the base's state to this one
     * @param length the state's length
     * @param codec the chain's codec, null for none
     * @param level its level
     * @param limits the writer's limits: a compressed delta they would not decode is stored as it is
     * @return the framed bytes, version 3
     */
    public static byte[] writeDelta(int version, int base, int depth, byte[] delta, int length, Codec codec,
                                    int level, Limits limits) {
        byte[][] coded = compressed(delta, codec, level, limits);
        byte[] id = coded[0];
        byte[] stored = coded[1];
        int body = 4 + 4 + 1 + 4 + 1 + id.length + 4 + stored.length;
        WireWriter out = new WireWriter(body + OVERHEAD);
        out.raw(MAGIC).u8(DELTA).u8(0).i32(body).i32(version).i32(base).u8(depth).i32(delta.length).u8(id.length)
                .raw(id).i32(length).raw(stored);
        return out.toByteArrayWithCrc32c();
    }

    /**
     * @return the codec id (empty when the bytes are kept as they are) and the bytes to store: compressed when
     *     that is smaller and decodes under {@code limits} (the payload limit, the expansion ratio)
     */
    private static byte[][] compressed(byte[] data, Codec codec, int level, Limits limits) {
        if (codec != null && data.length <= limits.maxPayloadBytes()) {
            byte[] encoded = codec.encode(data, level);
            byte[] codecId = codec.id().getBytes(StandardCharsets.US_ASCII);
            if (codecId.length <= 255 && encoded.length + codecId.length < data.length
                    && data.length <= limits.maxDecodedBytes(encoded.length)) {
                return new byte[][] {codecId, encoded};
            }
        }
        return new byte[][] {new byte[0], data};
    }

    /**
     * @param framed bytes from {@link #write(byte[])}, possibly damaged
     * @param limits bound on the state size
     * @param where the file, for messages
     * @return the canonical state bytes
     * @throws CorruptDeltaException for anything but a whole version 1 frame
     */
    public static byte[] read(byte[] framed, Limits limits, String where) {
        return read(framed, limits, where, null).state();
    }

    /**
     * @param framed bytes from either {@code write}, possibly damaged
     * @param limits bound on the state size and on decoding
     * @param where the file, for messages
     * @param codecs the codec of an id (throwing for one it does not know), null where only version 1 may appear
     * @return the state and the version the frame names
     */
    public static Contents read(byte[] framed, Limits limits, String where, Function<String, Codec> codecs) {
        if (framed.length < OVERHEAD) {
            throw new CorruptDeltaException(where + ": snapshot is truncated (" + framed.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (framed[i] != MAGIC[i]) {
                throw new CorruptDeltaException(where + ": not a Deltachain snapshot (bad magic)");
            }
        }
        int version = framed[4] & 0xFF;
        if (version != RAW && (version != NUMBERED && version != DELTA || codecs == null) || framed[5] != 0) {
            throw new CorruptDeltaException(where + ": snapshot version " + version + " / flags "
                    + (framed[5] & 0xFF) + " not supported" + (version == NUMBERED ? " here (a snapshot of store format"
                    + " 3 in a format 1 file)" : ""));
        }
        int crcAt = framed.length - 4;
        WireReader tail = new WireReader(framed, crcAt, framed.length, where);
        if (tail.i32("crc32c") != Crc32c.of(framed, 0, crcAt)) {
            throw new CorruptDeltaException(where + ": snapshot CRC32C mismatch; the file is damaged");
        }
        WireReader in = new WireReader(framed, 6, crcAt, where);
        int length = in.length("snapshot body length", in.remaining());
        if (length != in.remaining()) {
            throw new CorruptDeltaException(where + ": " + (in.remaining() - length) + " stray bytes after the snapshot");
        }
        if (version == RAW) {
            limits.checkStateSize(length, where + " snapshot");
            byte[] state = in.bytes(length, "state");
            return new Contents(state, -1, -1, 0, null, state.length);
        }
        int index = in.i32("chain version");
        if (index < 0) {
            throw new CorruptDeltaException(where + ": the snapshot names version " + index);
        }
        if (version == DELTA) {
            return readDelta(in, index, limits, where, codecs);
        }
        String id = new String(in.bytes(in.u8("codec id length"), "codec id"), StandardCharsets.US_ASCII);
        long size = in.i32("state length") & 0xFFFFFFFFL;
        limits.checkStateSize(size, where + " snapshot");
        byte[] state = decoded(in.bytes(in.remaining(), "stored state"), id, size, codecs, limits, where, "the snapshot");
        return new Contents(state, index, -1, 0, null, state.length);
    }

    private static Contents readDelta(WireReader in, int index, Limits limits, String where,
                                      Function<String, Codec> codecs) {
        int base = in.i32("base version");
        int depth = in.u8("depth");
        if (base < 0 || base >= index || depth < 1 || depth > MAX_DEPTH) {
            throw new CorruptDeltaException(where + ": the snapshot delta of version " + index + " names base " + base
                    + " at depth " + depth + " (a base before it, depth 1 to " + MAX_DEPTH + ")");
        }
        long deltaLength = in.i32("delta length") & 0xFFFFFFFFL;
        String id = new String(in.bytes(in.u8("codec id length"), "codec id"), StandardCharsets.US_ASCII);
        long size = in.i32("state length") & 0xFFFFFFFFL;
        limits.checkStateSize(size, where + " snapshot");
        limits.checkPayloadSize(deltaLength, where + " snapshot delta");
        byte[] delta = decoded(in.bytes(in.remaining(), "stored delta"), id, deltaLength, codecs, limits, where,
                "the snapshot delta");
        return new Contents(null, index, base, depth, delta, (int) size);
    }

    /**
     * @return {@code stored} decoded with the codec {@code id} names (as it is when {@code id} is empty), under
     *     {@code limits} and at most {@code length} + 1 bytes (a bomb stops where the frame's own length says it
     *     ends: damage, not a limit), refusing any length but {@code length}
     */
    private static byte[] decoded(byte[] stored, String id, long length, Function<String, Codec> codecs, Limits limits,
                                  String where, String what) {
        byte[] out;
        try {
            out = id.isEmpty() ? stored : codecs.apply(id).decode(stored,
                    limits.withMaxPayloadBytes(Math.min(limits.maxPayloadBytes(), length + 1)));
        } catch (io.deltachain.api.LimitExceededException e) {
            if (length + 1 <= limits.maxPayloadBytes()) {
                throw new CorruptDeltaException(where + ": " + what + " decodes to more than the " + length
                        + " bytes its frame says (" + e.getMessage() + ")", e);
            }
            throw e;
        }
        if (out.length != length) {
            throw new CorruptDeltaException(where + ": " + what + " " + (id.isEmpty() ? "holds " : "decodes to ")
                    + out.length + " bytes, its frame says " + length);
        }
        return out;
    }

    /** @return how many deltas a (CRC-checked) frame says it is from a whole snapshot: 0 for versions 1 and 2 */
    public static int depthOf(byte[] framed) {
        return framed.length > 18 && (framed[4] & 0xFF) == DELTA ? framed[18] & 0xFF : 0;
    }

    /**
     * @param c a frame's contents
     * @param baseState the state of a snapshot by its version (which may resolve deltas of its own)
     * @param where for messages
     * @return the state the frame holds: its own, or its delta applied to its base's
     */
    public static byte[] resolve(Contents c, java.util.function.IntFunction<byte[]> baseState, String where) {
        return c.isDelta() ? SnapshotDelta.apply(baseState.apply(c.base()), c.delta(), c.length(), where) : c.state();
    }

    /**
     * {@link #read(byte[], Limits, String, Function)}, refusing a frame that names another version than
     * {@code version}.
     *
     * @return what the frame holds ({@link #resolve} gives the state of a version 3 frame)
     */
    public static Contents read(byte[] framed, Limits limits, String where, Function<String, Codec> codecs,
                                int version) {
        Contents c = read(framed, limits, where, codecs);
        if (c.version() >= 0 && c.version() != version) {
            throw new CorruptDeltaException(where + ": the snapshot frame holds the state of version " + c.version()
                    + ", not of version " + version + " (the index entry points at another version's frames)");
        }
        return c;
    }
}
