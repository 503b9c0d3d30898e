package io.deltachain.strategy.bsdiff.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code bsdiff} record payload (docs/FORMAT.md): bsdiff's control, diff and extra blocks behind a
 * magic of their own ({@code DLTBSD}), never compressed here (the record's codec compresses once), so
 * that {@code bspatch} can never mistake a payload for a BSDIFF40 file.
 *
 * <p>Version 2 (written): the diff block, mostly zero bytes, is zero-run coded — pairs of LEB128
 * varints (zero run, literal length) each followed by the literal bytes — which general-purpose
 * codecs such as gzip compress far better than long zero runs. Version 1 (read): the diff block as is.
 *
 * <pre>
 * "DLTBSD" version flags=0 | new size i64 | triples u32 | diff length i64 | extra length i64
 * | [v2: coded diff length i64] | triples × (add i64, copy i64, seek i64) | diff block | extra block
 * </pre>
 */
public final class PayloadFormat {
    private static final byte[] MAGIC = {'D', 'L', 'T', 'B', 'S', 'D'};
    private static final int WRITTEN = 2;
    private static final int HEADER_V1 = 8 + 8 + 4 + 8 + 8;
    private static final int HEADER_V2 = HEADER_V1 + 8;
    /** Zero runs shorter than this stay inside a literal: a pair of varints would cost more. */
    private static final int MIN_ZERO_RUN = 4;
    private static final String WHAT = "bsdiff payload";

    private PayloadFormat() {
    }

    /**
     * @param blocks delta blocks
     * @return the payload, version 2
     */
    public static byte[] encode(DeltaBlocks blocks) {
        byte[] coded = zeroRunCode(blocks.diff(), blocks.diffLength());
        long size = HEADER_V2 + 24L * blocks.triples() + coded.length + blocks.extraLength();
        if (size > Integer.MAX_VALUE - 8) {
            throw new LimitExceededException(Limit.ARRAY_SIZE, size, Integer.MAX_VALUE - 8, "a bsdiff payload of "
                    + size + " bytes does not fit a Java array; diff smaller files");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).put((byte) WRITTEN).put((byte) 0);
        out.putLong(blocks.newSize()).putInt(blocks.triples()).putLong(blocks.diffLength()).putLong(blocks.extraLength())
                .putLong(coded.length);
        for (int i = 0; i < blocks.triples(); i++) {
            out.putLong(blocks.control(i, 0)).putLong(blocks.control(i, 1)).putLong(blocks.control(i, 2));
        }
        out.put(coded).put(blocks.extra(), 0, blocks.extraLength());
        return out.array();
    }

    private static byte[] zeroRunCode(byte[] diff, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 64));
        int i = 0;
        while (i < length) {
            int zeros = 0;
            while (i + zeros < length && diff[i + zeros] == 0) {
                zeros++;
            }
            int start = i + zeros;
            int end = start;
            while (end < length) {
                if (diff[end] != 0) {
                    end++;
                    continue;
                }
                int run = 0;
                while (end + run < length && diff[end + run] == 0 && run < MIN_ZERO_RUN) {
                    run++;
                }
                if (run >= MIN_ZERO_RUN || end + run == length) {
                    break;
                }
                end += run;
            }
            varint(out, zeros);
            varint(out, end - start);
            out.write(diff, start, end - start);
            i = end;
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    /**
     * @param old the old file
     * @param payload a payload of version 1 or 2, possibly corrupt or hostile
     * @param limits bounds
     * @return the new file
     */
    public static byte[] apply(byte[] old, byte[] payload, Limits limits) {
        if (payload.length < HEADER_V1) {
            throw new CorruptDeltaException(WHAT + " is truncated: " + payload.length + " bytes, the header alone is "
                    + HEADER_V1);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (payload[i] != MAGIC[i]) {
                throw new CorruptDeltaException(new String(payload, 0, 8, StandardCharsets.ISO_8859_1).equals("BSDIFF40")
                        ? WHAT + " is a native BSDIFF40 file, not a record payload; apply it with the native format"
                        : WHAT + " has a bad magic (expected 'DLTBSD')");
            }
        }
        int version = payload[6];
        if ((version != 1 && version != 2) || payload[7] != 0) {
            throw new CorruptDeltaException(WHAT + " version " + version + " / flags " + payload[7]
                    + " not supported (this build reads versions 1 and 2)");
        }
        int header = version == 1 ? HEADER_V1 : HEADER_V2;
        if (payload.length < header) {
            throw new CorruptDeltaException(WHAT + " is truncated: " + payload.length + " bytes, the header alone is "
                    + header);
        }
        ByteBuffer in = ByteBuffer.wrap(payload, 8, payload.length - 8);
        long newSize = in.getLong();
        long triples = in.getInt() & 0xFFFFFFFFL;
        long diffLength = in.getLong();
        long extraLength = in.getLong();
        long codedLength = version == 1 ? diffLength : in.getLong();
        if (newSize < 0 || diffLength < 0 || extraLength < 0 || codedLength < 0) {
            throw new CorruptDeltaException(WHAT + " has a negative size: new " + newSize + ", diff " + diffLength
                    + ", extra " + extraLength + ", coded diff " + codedLength);
        }
        long expected = header + 24 * triples + codedLength + extraLength;
        if (codedLength > payload.length || extraLength > payload.length || expected != payload.length) {
            throw new CorruptDeltaException(WHAT + " lengths do not add up: " + triples + " triples, diff " + codedLength
                    + ", extra " + extraLength + " need " + expected + " bytes, the payload has " + payload.length);
        }
        if (diffLength + extraLength != newSize) {
            throw new CorruptDeltaException(WHAT + ": diff (" + diffLength + ") and extra (" + extraLength
                    + ") blocks do not add up to the new size " + newSize);
        }
        int diffAt = (int) (header + 24 * triples);
        int extraAt = (int) (diffAt + codedLength);
        checkTotals(payload, header, (int) triples, diffLength, extraLength);
        if (version == 2) {
            checkCodedLength(payload, diffAt, extraAt, diffLength);
        }
        ArraySource control = new ArraySource(payload, header, diffAt, "control block");
        Patcher.Block diff = version == 1 ? new ArraySource(payload, diffAt, extraAt, "diff block")
                : new ZeroRunSource(payload, diffAt, extraAt);
        ArraySource extra = new ArraySource(payload, extraAt, payload.length, "extra block");
        byte[] out = Patcher.apply(old, newSize, control, diff, extra, limits, WHAT);
        boolean diffLeft = diff instanceof ArraySource a ? a.remaining() > 0 : ((ZeroRunSource) diff).hasMore();
        if (control.hasNext() || diffLeft || extra.remaining() > 0) {
            throw new CorruptDeltaException(WHAT + " has data left over after the new file is complete");
        }
        return out;
    }

    /** Before anything is allocated: the triples must account for exactly the diff and extra blocks. */
    private static void checkTotals(byte[] payload, int at, int triples, long diffLength, long extraLength) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        long adds = 0;
        long copies = 0;
        for (int i = 0; i < triples; i++) {
            long add = in.getLong(at + 24 * i);
            long copy = in.getLong(at + 24 * i + 8);
            if (add < 0 || copy < 0) {
                throw new CorruptDeltaException(WHAT + ": control triple " + i + " has a negative length (add " + add
                        + ", copy " + copy + ")");
            }
            adds += add;
            copies += copy;
            if (adds > diffLength || copies > extraLength) {
                throw new CorruptDeltaException(WHAT + ": control triples ask for more than the diff (" + diffLength
                        + ") and extra (" + extraLength + ") blocks hold");
            }
        }
        if (adds != diffLength || copies != extraLength) {
            throw new CorruptDeltaException(WHAT + ": control triples use " + adds + " diff and " + copies
                    + " extra bytes, the blocks hold " + diffLength + " and " + extraLength);
        }
    }

    /** Before anything is allocated: the coded diff block must decode to exactly its stated length. */
    private static void checkCodedLength(byte[] payload, int from, int to, long diffLength) {
        ZeroRunSource probe = new ZeroRunSource(payload, from, to);
        long total = 0;
        while (probe.pos < to) {
            long zeros = probe.varint("zero run");
            long literal = probe.varint("literal length");
            if (literal > to - probe.pos) {
                throw new CorruptDeltaException(WHAT + ": a literal of " + literal + " bytes runs past the coded diff block");
            }
            probe.pos += (int) literal;
            total += zeros + literal;
            if (total > diffLength) {
                break;
            }
        }
        if (total != diffLength) {
            throw new CorruptDeltaException(WHAT + ": the coded diff block decodes to " + (total > diffLength
                    ? "more than " + diffLength : String.valueOf(total)) + " bytes, not " + diffLength);
        }
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

    /**
     * Decodes a zero-run coded diff block while the patcher reads it. The destination is freshly
     * zeroed, so zero runs are skipped, not written.
     */
    private static final class ZeroRunSource implements Patcher.Block {
        private final byte[] data;
        private final int end;
        private int pos;
        private long zerosLeft;
        private long literalLeft;

        ZeroRunSource(byte[] data, int start, int end) {
            this.data = data;
            this.pos = start;
            this.end = end;
        }

        boolean hasMore() {
            return zerosLeft > 0 || literalLeft > 0 || pos < end;
        }

        @Override
        public void read(byte[] into, int offset, int length) {
            int done = 0;
            while (done < length) {
                if (zerosLeft == 0 && literalLeft == 0) {
                    if (pos >= end) {
                        throw new CorruptDeltaException(WHAT + ": the coded diff block ends " + (length - done)
                                + " bytes early");
                    }
                    zerosLeft = varint("zero run");
                    literalLeft = varint("literal length");
                    if (literalLeft > end - pos) {
                        throw new CorruptDeltaException(WHAT + ": a literal of " + literalLeft + " bytes runs past the"
                                + " coded diff block");
                    }
                    continue;
                }
                if (zerosLeft > 0) {
                    int n = (int) Math.min(zerosLeft, length - done);
                    zerosLeft -= n;
                    done += n;
                    continue;
                }
                int n = (int) Math.min(literalLeft, length - done);
                System.arraycopy(data, pos, into, offset + done, n);
                pos += n;
                literalLeft -= n;
                done += n;
            }
        }

        private long varint(String field) {
            long v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (pos >= end) {
                    throw new CorruptDeltaException(WHAT + ": the coded diff block ends inside a " + field);
                }
                int b = data[pos++] & 0xFF;
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new CorruptDeltaException(WHAT + ": a " + field + " in the coded diff block is longer than 5 bytes");
        }
    }
}
