package io.deltachain.strategy.bsdiff.internal;

import io.deltachain.spi.CorruptDeltaException;
import io.deltachain.spi.Limits;
import java.nio.ByteBuffer;

/**
 * The {@code bsdiff} record payload (docs/FORMAT.md): bsdiff's control, diff and extra blocks
 * uncompressed behind a magic of their own ({@code DLTBSD}), so that the record's codec compresses
 * once and {@code bspatch} can never mistake a payload for a BSDIFF40 file.
 *
 * <pre>
 * "DLTBSD" version=1 flags=0 | new size u64 | triples u32 | diff length u64 | extra length u64
 * | triples × (add i64, copy i64, seek i64) | diff block | extra block        (big-endian)
 * </pre>
 */
public final class PayloadFormat {
    private static final byte[] MAGIC = {'D', 'L', 'T', 'B', 'S', 'D'};
    private static final int VERSION = 1;
    private static final int HEADER = 8 + 8 + 4 + 8 + 8;
    private static final String WHAT = "bsdiff payload";

    private PayloadFormat() {
    }

    /**
     * @param blocks delta blocks
     * @return the payload
     */
    public static byte[] encode(DeltaBlocks blocks) {
        long size = HEADER + 24L * blocks.triples() + blocks.diffLength() + blocks.extraLength();
        if (size > Integer.MAX_VALUE - 8) {
            throw new io.deltachain.spi.LimitExceededException("a bsdiff payload of " + size
                    + " bytes does not fit a Java array; diff smaller files");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).put((byte) VERSION).put((byte) 0);
        out.putLong(blocks.newSize()).putInt(blocks.triples()).putLong(blocks.diffLength()).putLong(blocks.extraLength());
        for (int i = 0; i < blocks.triples(); i++) {
            out.putLong(blocks.control(i, 0)).putLong(blocks.control(i, 1)).putLong(blocks.control(i, 2));
        }
        out.put(blocks.diff(), 0, blocks.diffLength()).put(blocks.extra(), 0, blocks.extraLength());
        return out.array();
    }

    /**
     * @param old the old file
     * @param payload a payload, possibly corrupt or hostile
     * @param limits bounds
     * @return the new file
     */
    public static byte[] apply(byte[] old, byte[] payload, Limits limits) {
        if (payload.length < HEADER) {
            throw new CorruptDeltaException(WHAT + " is truncated: " + payload.length + " bytes, the header alone is "
                    + HEADER);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (payload[i] != MAGIC[i]) {
                throw new CorruptDeltaException(payload.length >= 8 && new String(payload, 0, 8,
                        java.nio.charset.StandardCharsets.ISO_8859_1).equals("BSDIFF40")
                        ? WHAT + " is a native BSDIFF40 file, not a record payload; apply it with the native format"
                        : WHAT + " has a bad magic (expected 'DLTBSD')");
            }
        }
        if (payload[6] != VERSION || payload[7] != 0) {
            throw new CorruptDeltaException(WHAT + " version " + payload[6] + " / flags " + payload[7]
                    + " not supported (this build reads version " + VERSION + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(payload, 8, payload.length - 8);
        long newSize = in.getLong();
        long triples = in.getInt() & 0xFFFFFFFFL;
        long diffLength = in.getLong();
        long extraLength = in.getLong();
        if (newSize < 0 || diffLength < 0 || extraLength < 0) {
            throw new CorruptDeltaException(WHAT + " has a negative size: new " + newSize + ", diff " + diffLength
                    + ", extra " + extraLength);
        }
        long expected = HEADER + 24 * triples + diffLength + extraLength;
        if (diffLength > payload.length || extraLength > payload.length || expected != payload.length) {
            throw new CorruptDeltaException(WHAT + " lengths do not add up: " + triples + " triples, diff " + diffLength
                    + ", extra " + extraLength + " need " + expected + " bytes, the payload has " + payload.length);
        }
        if (diffLength + extraLength != newSize) {
            throw new CorruptDeltaException(WHAT + ": diff (" + diffLength + ") and extra (" + extraLength
                    + ") blocks do not add up to the new size " + newSize);
        }
        int controlAt = HEADER;
        int diffAt = (int) (controlAt + 24 * triples);
        int extraAt = (int) (diffAt + diffLength);
        ArraySource control = new ArraySource(payload, controlAt, diffAt, "control block");
        ArraySource diff = new ArraySource(payload, diffAt, extraAt, "diff block");
        ArraySource extra = new ArraySource(payload, extraAt, payload.length, "extra block");
        byte[] out = Patcher.apply(old, newSize, control, diff, extra, limits, WHAT);
        if (control.hasNext() || diff.remaining() > 0 || extra.remaining() > 0) {
            throw new CorruptDeltaException(WHAT + " has data left over after the new file is complete");
        }
        return out;
    }

    /** Control values and block bytes read from one array. */
    private static final class ArraySource implements Patcher.Control, Patcher.Block {
        private final byte[] data;
        private final int end;
        private final String name;
        private int pos;

        ArraySource(byte[] data, int start, int end, String name) {
            this.data = data;
            this.pos = start;
            this.end = end;
            this.name = name;
        }

        int remaining() {
            return end - pos;
        }

        @Override
        public boolean hasNext() {
            return pos < end;
        }

        @Override
        public long next(String field) {
            if (end - pos < 8) {
                throw new CorruptDeltaException(WHAT + ": the " + name + " ends inside the " + field);
            }
            long v = ByteBuffer.wrap(data, pos, 8).getLong();
            pos += 8;
            return v;
        }

        @Override
        public void read(byte[] into, int offset, int length) {
            if (length > end - pos) {
                throw new CorruptDeltaException(WHAT + ": the " + name + " holds " + (end - pos) + " more bytes, "
                        + length + " needed");
            }
            System.arraycopy(data, pos, into, offset, length);
            pos += length;
        }
    }
}
