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
 * <p>Version 3 (written): the control triples as varint columns (adds, copies, zigzag seeks), the
 * zero-run pairs and their literal bytes as two separate streams, then the extra block — a layout
 * chosen by measurement so that gzip over the payload beats BSDIFF40's three bzip2 streams.
 *
 * <p>Version 2 (read): the diff block, mostly zero bytes, is zero-run coded — pairs of LEB128
 * varints (zero run, literal length) each followed by the literal bytes — which general-purpose
 * codecs such as gzip compress far better than long zero runs. Version 1 (read): the diff block as is.
 *
 * <pre>
 * "DLTBSD" version flags=0 | new size i64 | triples u32 | diff length i64 | extra length i64
 * | [v2: coded diff length i64] | triples × (add i64, copy i64, seek i64) | diff block | extra block
 * v3: ... extra length i64 | control length i64 | runs length i64 | literals length i64
 * | control (varints) | runs | literals | extra block
 * </pre>
 */
public final class PayloadFormat {
    private static final byte[] MAGIC = {'D', 'L', 'T', 'B', 'S', 'D'};
    private static final int WRITTEN = 3;
    private static final int HEADER_V1 = 8 + 8 + 4 + 8 + 8;
    private static final int HEADER_V2 = HEADER_V1 + 8;
    private static final int HEADER_V3 = HEADER_V1 + 24;
    /** Zero runs shorter than this stay inside a literal: a pair of varints would cost more. */
    private static final int MIN_ZERO_RUN = 4;
    private static final String WHAT = "bsdiff payload";

    private PayloadFormat() {
    }

    /**
     * @param blocks delta blocks
     * @return the payload, version 3
     */
    public static byte[] encode(DeltaBlocks blocks) {
        ByteArrayOutputStream control = new ByteArrayOutputStream(16 + 4 * blocks.triples());
        for (int field = 0; field < 3; field++) { // column by column: adds, copies, seeks
            for (int i = 0; i < blocks.triples(); i++) {
                long v = blocks.control(i, field);
                varint(control, field == 2 ? (v << 1) ^ (v >> 63) : v);
            }
        }
        ByteArrayOutputStream runs = new ByteArrayOutputStream(64);
        ByteArrayOutputStream literals = new ByteArrayOutputStream(Math.max(64, blocks.diffLength() / 64));
        zeroRunCode(blocks.diff(), blocks.diffLength(), runs, literals);
        long size = HEADER_V3 + (long) control.size() + runs.size() + literals.size() + blocks.extraLength();
        if (size > Integer.MAX_VALUE - 8) {
            throw new LimitExceededException(Limit.ARRAY_SIZE, size, Integer.MAX_VALUE - 8, "a bsdiff payload of "
                    + size + " bytes does not fit a Java array; diff smaller files");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).put((byte) WRITTEN).put((byte) 0);
        out.putLong(blocks.newSize()).putInt(blocks.triples()).putLong(blocks.diffLength()).putLong(blocks.extraLength())
                .putLong(control.size()).putLong(runs.size()).putLong(literals.size());
        out.put(control.toByteArray()).put(runs.toByteArray()).put(literals.toByteArray())
                .put(blocks.extra(), 0, blocks.extraLength());
        return out.array();
    }

    /** Version 2's block encoding (kept for tests of the reader): everything in one stream. */
    static byte[] encodeV2(DeltaBlocks blocks) {
        ByteArrayOutputStream codedOut = new ByteArrayOutputStream(Math.max(64, blocks.diffLength() / 64));
        zeroRunCode(blocks.diff(), blocks.diffLength(), codedOut, codedOut);
        byte[] coded = codedOut.toByteArray();
        long size = HEADER_V2 + 24L * blocks.triples() + coded.length + blocks.extraLength();
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).put((byte) 2).put((byte) 0);
        out.putLong(blocks.newSize()).putInt(blocks.triples()).putLong(blocks.diffLength()).putLong(blocks.extraLength())
                .putLong(coded.length);
        for (int i = 0; i < blocks.triples(); i++) {
            out.putLong(blocks.control(i, 0)).putLong(blocks.control(i, 1)).putLong(blocks.control(i, 2));
        }
        out.put(coded).put(blocks.extra(), 0, blocks.extraLength());
        return out.array();
    }

    /** Zero-run codes the diff block: the varint pairs into {@code runs}, the literal bytes into {@code literals}. */
    private static void zeroRunCode(byte[] diff, int length, ByteArrayOutputStream runs, ByteArrayOutputStream literals) {
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
            varint(runs, zeros);
            varint(runs, end - start);
            literals.write(diff, start, end - start);
            i = end;
        }
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /**
     * @param old the old file
     * @param payload a payload of version 1, 2 or 3, possibly corrupt or hostile
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
        if (version < 1 || version > 3 || payload[7] != 0) {
            throw new CorruptDeltaException(WHAT + " version " + version + " / flags " + payload[7]
                    + " not supported (this build reads versions 1 to 3)");
        }
        if (version == 3) {
            return applyV3(old, payload, limits);
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
            new ZeroRunSource(payload, diffAt, extraAt).checkDecodesTo(diffLength);
        }
        ArraySource control = new ArraySource(payload, header, diffAt, "control block");
        Patcher.Block diff = version == 1 ? new ArraySource(payload, diffAt, extraAt, "diff block")
                : new ZeroRunSource(payload, diffAt, extraAt);
        ArraySource extra = new ArraySource(payload, extraAt, payload.length, "extra block");
        byte[] out = Patcher.apply(old, newSize, control, diff, extra, payload.length, limits, WHAT);
        boolean diffLeft = diff instanceof ArraySource a ? a.remaining() > 0 : ((ZeroRunSource) diff).hasMore();
        if (control.hasNext() || diffLeft || extra.remaining() > 0) {
            throw new CorruptDeltaException(WHAT + " has data left over after the new file is complete");
        }
        return out;
    }

    private static byte[] applyV3(byte[] old, byte[] payload, Limits limits) {
        if (payload.length < HEADER_V3) {
            throw new CorruptDeltaException(WHAT + " is truncated: " + payload.length + " bytes, the header alone is "
                    + HEADER_V3);
        }
        ByteBuffer in = ByteBuffer.wrap(payload, 8, payload.length - 8);
        long newSize = in.getLong();
        long triples = in.getInt() & 0xFFFFFFFFL;
        long diffLength = in.getLong();
        long extraLength = in.getLong();
        long controlBytes = in.getLong();
        long runBytes = in.getLong();
        long literalBytes = in.getLong();
        if (newSize < 0 || diffLength < 0 || extraLength < 0 || controlBytes < 0 || runBytes < 0 || literalBytes < 0) {
            throw new CorruptDeltaException(WHAT + " has a negative size: new " + newSize + ", diff " + diffLength
                    + ", extra " + extraLength + ", control " + controlBytes + ", zero runs " + runBytes + ", literals "
                    + literalBytes);
        }
        long n = payload.length;
        if (controlBytes > n || runBytes > n || literalBytes > n || extraLength > n
                || HEADER_V3 + controlBytes + runBytes + literalBytes + extraLength != n) {
            throw new CorruptDeltaException(WHAT + " lengths do not add up: control " + controlBytes + ", zero runs "
                    + runBytes + ", literals " + literalBytes + ", extra " + extraLength + " bytes after a " + HEADER_V3
                    + "-byte header, the payload has " + n);
        }
        if (diffLength + extraLength != newSize) {
            throw new CorruptDeltaException(WHAT + ": diff (" + diffLength + ") and extra (" + extraLength
                    + ") blocks do not add up to the new size " + newSize);
        }
        if (triples > controlBytes / 3) {
            throw new CorruptDeltaException(WHAT + ": " + triples + " triples cannot fit a control block of "
                    + controlBytes + " bytes");
        }
        int controlAt = HEADER_V3;
        int runsAt = (int) (controlAt + controlBytes);
        int literalsAt = (int) (runsAt + runBytes);
        int extraAt = (int) (literalsAt + literalBytes);
        Columns control = new Columns(payload, controlAt, runsAt, (int) triples);
        control.checkTotals(diffLength, extraLength);
        checkSplitCodedLength(payload, runsAt, literalsAt, literalBytes, diffLength);
        ZeroRunSource diff = new ZeroRunSource(payload, runsAt, literalsAt, literalsAt, extraAt);
        ArraySource extra = new ArraySource(payload, extraAt, payload.length, "extra block");
        byte[] out = Patcher.apply(old, newSize, control, diff, extra, payload.length, limits, WHAT);
        if (control.hasNext() || diff.hasMore() || extra.remaining() > 0) {
            throw new CorruptDeltaException(WHAT + " has data left over after the new file is complete");
        }
        return out;
    }

    /** Reads one unsigned LEB128 varint of at most 10 bytes at {@code pos[0]}, advancing it. */
    private static long readVarint(byte[] data, int[] pos, int end, String where) {
        return readVarint(data, pos, end, where, 10);
    }

    /** Reads one unsigned LEB128 varint of at most {@code maxBytes} bytes at {@code pos[0]}, advancing it. */
    private static long readVarint(byte[] data, int[] pos, int end, String where, int maxBytes) {
        long v = 0;
        for (int shift = 0; shift < 7 * maxBytes; shift += 7) {
            if (pos[0] >= end) {
                throw new CorruptDeltaException(WHAT + ": the " + where + " ends inside a varint");
            }
            int b = data[pos[0]++] & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptDeltaException(WHAT + ": a varint in the " + where + " is longer than " + maxBytes + " bytes");
    }

    /** Version 3's control block: the adds, then the copies, then the zigzag seeks, each a varint column. */
    private static final class Columns implements Patcher.Control {
        private final byte[] data;
        private final int end;
        private final int triples;
        private final int[][] cursors = new int[3][1];
        private final int[] ends = new int[3];
        private int field;
        private int read;

        Columns(byte[] data, int start, int end, int triples) {
            this.data = data;
            this.end = end;
            this.triples = triples;
            int[] p = {start};
            for (int f = 0; f < 3; f++) {
                cursors[f][0] = p[0];
                for (int i = 0; i < triples; i++) {
                    readVarint(data, p, end, "control block");
                }
                ends[f] = p[0];
            }
            if (p[0] != end) {
                throw new CorruptDeltaException(WHAT + ": the control block holds " + (end - p[0])
                        + " bytes after its " + triples + " triples");
            }
        }

        /** Before anything is allocated: the triples must account for exactly the diff and extra blocks. */
        void checkTotals(long diffLength, long extraLength) {
            int[] adds = {cursors[0][0]};
            int[] copies = {cursors[1][0]};
            long addTotal = 0;
            long copyTotal = 0;
            for (int i = 0; i < triples; i++) {
                long add = readVarint(data, adds, ends[0], "control block");
                long copy = readVarint(data, copies, ends[1], "control block");
                if (add < 0 || copy < 0) {
                    throw new CorruptDeltaException(WHAT + ": control triple " + i + " has a negative length (add " + add
                            + ", copy " + copy + ")");
                }
                addTotal += add;
                copyTotal += copy;
                if (addTotal > diffLength || copyTotal > extraLength) {
                    throw new CorruptDeltaException(WHAT + ": control triples ask for more than the diff (" + diffLength
                            + ") and extra (" + extraLength + ") blocks hold");
                }
            }
            if (addTotal != diffLength || copyTotal != extraLength) {
                throw new CorruptDeltaException(WHAT + ": control triples use " + addTotal + " diff and " + copyTotal
                        + " extra bytes, the blocks hold " + diffLength + " and " + extraLength);
            }
        }

        @Override
        public boolean hasNext() {
            return read < triples;
        }

        @Override
        public long next(String name) {
            if (read >= triples) {
                throw new CorruptDeltaException(WHAT + ": the control block ends inside the " + name);
            }
            int f = field;
            long v = readVarint(data, cursors[f], ends[f], "control block");
            field = (f + 1) % 3;
            if (field == 0) {
                read++;
            }
            return f == 2 ? (v >>> 1) ^ -(v & 1) : v;
        }
    }

    /** Before anything is allocated: the zero runs and literals must decode to exactly the diff block. */
    private static void checkSplitCodedLength(byte[] payload, int from, int to, long literalBytes, long diffLength) {
        int[] p = {from};
        long total = 0;
        long literals = 0;
        while (p[0] < to) {
            long zeros = readVarint(payload, p, to, "zero runs");
            long literal = readVarint(payload, p, to, "zero runs");
            if (zeros < 0 || literal < 0 || literal > literalBytes - literals) {
                throw new CorruptDeltaException(WHAT + ": the zero runs ask for more literal bytes than the "
                        + literalBytes + " there are");
            }
            literals += literal;
            total += zeros + literal;
            if (total > diffLength || total < 0) {
                break;
            }
        }
        if (total != diffLength || literals != literalBytes) {
            throw new CorruptDeltaException(WHAT + ": the coded diff block decodes to " + (total > diffLength || total < 0
                    ? "more than " + diffLength : String.valueOf(total)) + " bytes from " + literals + " literal bytes, not "
                    + diffLength + " from " + literalBytes);
        }
    }

    /**
     * Decodes a zero-run coded diff block while the patcher reads it: version 3's, zero runs and
     * literals in separate streams, or version 2's ({@code inline}), each pair's literals right after
     * it. The destination is freshly zeroed, so zero runs are skipped, not written.
     */
    private static final class ZeroRunSource implements Patcher.Block {
        private final byte[] data;
        private final int[] runs;
        private final int runsEnd;
        private int literal;
        private final int literalsEnd;
        private final boolean inline;
        private long zerosLeft;
        private long literalLeft;

        ZeroRunSource(byte[] data, int runsAt, int runsEnd, int literalsAt, int literalsEnd) {
            this(data, runsAt, runsEnd, literalsAt, literalsEnd, false);
        }

        /** Version 2's coded diff block in data[from, to). */
        ZeroRunSource(byte[] data, int from, int to) {
            this(data, from, to, from, to, true);
        }

        private ZeroRunSource(byte[] data, int runsAt, int runsEnd, int literalsAt, int literalsEnd, boolean inline) {
            this.data = data;
            this.runs = new int[] {runsAt};
            this.runsEnd = runsEnd;
            this.literal = literalsAt;
            this.literalsEnd = literalsEnd;
            this.inline = inline;
        }

        boolean hasMore() {
            return zerosLeft > 0 || literalLeft > 0 || runs[0] < runsEnd || !inline && literal < literalsEnd;
        }

        /** Version 2 only: checks, before anything is allocated, that the block decodes to exactly {@code diffLength}. */
        void checkDecodesTo(long diffLength) {
            long total = 0;
            while (runs[0] < runsEnd) {
                long zeros = readVarint(data, runs, runsEnd, "coded diff block", 5);
                long literalLength = readVarint(data, runs, runsEnd, "coded diff block", 5);
                if (literalLength > runsEnd - runs[0]) {
                    throw new CorruptDeltaException(WHAT + ": a literal of " + literalLength
                            + " bytes runs past the coded diff block");
                }
                runs[0] += (int) literalLength;
                total += zeros + literalLength;
                if (total > diffLength) {
                    break;
                }
            }
            if (total != diffLength) {
                throw new CorruptDeltaException(WHAT + ": the coded diff block decodes to " + (total > diffLength
                        ? "more than " + diffLength : String.valueOf(total)) + " bytes, not " + diffLength);
            }
        }

        @Override
        public void read(byte[] into, int offset, int length) {
            fill(into, offset, length, null, 0);
        }

        /** Zero runs become copies of the old bytes; only literals are added to them. */
        @Override
        public void readAdding(byte[] into, int offset, int length, byte[] old, long oldPos) {
            fill(into, offset, length, old, oldPos);
        }

        private void fill(byte[] into, int offset, int length, byte[] old, long oldPos) {
            int done = 0;
            while (done < length) {
                if (zerosLeft == 0 && literalLeft == 0) {
                    if (runs[0] >= runsEnd) {
                        throw new CorruptDeltaException(WHAT + ": the coded diff block ends " + (length - done)
                                + " bytes early");
                    }
                    int max = inline ? 5 : 10;
                    String where = inline ? "coded diff block" : "zero runs";
                    zerosLeft = readVarint(data, runs, runsEnd, where, max);
                    literalLeft = readVarint(data, runs, runsEnd, where, max);
                    if (inline) {
                        literal = runs[0];
                    }
                    if (zerosLeft < 0 || literalLeft < 0 || literalLeft > (inline ? runsEnd : literalsEnd) - literal) {
                        throw new CorruptDeltaException(WHAT + ": a literal of " + literalLeft + " bytes runs past the "
                                + where);
                    }
                    continue;
                }
                if (zerosLeft > 0) {
                    int n = (int) Math.min(zerosLeft, length - done);
                    if (old != null) {
                        Patcher.copyOld(into, offset + done, n, old, oldPos + done);
                    }
                    zerosLeft -= n;
                    done += n;
                    continue;
                }
                int n = (int) Math.min(literalLeft, length - done);
                System.arraycopy(data, literal, into, offset + done, n);
                if (old != null) {
                    Patcher.addOld(into, offset + done, n, old, oldPos + done);
                }
                literal += n;
                if (inline) {
                    runs[0] = literal;
                }
                literalLeft -= n;
                done += n;
            }
        }
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
