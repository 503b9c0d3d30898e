package io.deltachain.codec.gzip;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.spi.Codec;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The {@code gzip} codec: standard gzip (RFC 1952) that {@code gzip -d}, {@code zcat} and
 * {@link java.util.zip.GZIPInputStream} read.
 *
 * <p><b>Encoding</b> takes levels 1 (fastest) to 9 (smallest), default 6; any other level is refused
 * with a {@link io.deltachain.api.DeltaConfigurationException}, never clamped. The output is one
 * member with a fixed header: no file name, no comment, MTIME 0, XFL as RFC 1952 defines it for
 * the level (2 at level 9, 4 at level 1, else 0) and OS 255 ("unknown"), so the same bytes and
 * level give the same output on every run and machine with the same zlib.
 *
 * <p><b>Decoding</b> accepts any valid gzip: optional header fields (extra, name, comment, header
 * CRC) are checked and skipped, and concatenated members decode to the concatenation of their
 * contents, as {@code gzip -d} does. Any other byte after the last member, like a bad header, a
 * truncated stream, a bad CRC-32 or a wrong length, is a {@link CorruptDeltaException}
 * ({@code "gzip payload is corrupt: ..."}). No {@code IOException} or {@code ZipException} escapes.
 *
 * <p><b>Memory</b> is bounded by {@link Limits#maxDecodedBytes(long)}: {@link Limits#maxPayloadBytes()}
 * or, when that is lower, what {@link Limits#maxExpansionRatio()} allows for the input's size. The last
 * member's trailer declares its size (mod 2<sup>32</sup>), which a valid stream decodes to at least, so
 * a declaration above the bound is a {@link LimitExceededException} before anything is decoded; else
 * the output goes into one array of the declared size, allocated after the free heap is checked. A
 * stream that decodes to more than it declares (several members, or a lie) is decoded once more
 * without keeping anything, only counting, and refused as soon as the count passes the bound; only a
 * stream that ends within it is decoded a third time into an array of its exact size. So a
 * decompression bomb costs at most the size it declares, when that is within the bound, and no array
 * ever grows by copying.
 *
 * <p>Stateless and thread-safe; every call uses its own {@link Deflater} or {@link Inflater} and
 * ends it, so no native memory is left to the finalizer. Cheap to construct.
 */
public final class GzipCodec implements Codec {
    /** The id stored in records. */
    public static final String ID = "gzip";
    /** The lowest level, fastest. */
    public static final int MIN_LEVEL = 1;
    /** The highest level, smallest output. */
    public static final int MAX_LEVEL = 9;
    /** The level used when none is given. */
    public static final int DEFAULT_LEVEL = 6;

    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int CM_DEFLATE = 8;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int FRESERVED = 0xe0;
    private static final int OS_UNKNOWN = 0xff;
    private static final int HEADER_BYTES = 10;
    private static final int TRAILER_BYTES = 8;
    private static final int CHUNK = 64 << 10;
    /** Arrays a little below {@link Integer#MAX_VALUE} are the largest every VM can allocate. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Deflate never expands more than 1032:1, so a larger declared size is a lie. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    /** Creates the codec; it holds no state. */
    public GzipCodec() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int defaultLevel() {
        return DEFAULT_LEVEL;
    }

    @Override
    public int minLevel() {
        return MIN_LEVEL;
    }

    @Override
    public int maxLevel() {
        return MAX_LEVEL;
    }

    @Override
    public byte[] encode(byte[] data, int level) {
        checkLevel(level);
        // zlib's deflateBound for raw deflate plus gzip framing: enough unless zlib differs, then it grows.
        long bound = (long) data.length + (data.length >>> 12) + (data.length >>> 14) + (data.length >>> 25) + 13
                + HEADER_BYTES + TRAILER_BYTES;
        byte[] out = new byte[(int) Math.min(Math.min(bound, CHUNK + data.length / 4), MAX_ARRAY)];
        writeHeader(out, level);
        int length = HEADER_BYTES;
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            while (!deflater.finished()) {
                if (length == out.length - TRAILER_BYTES) {
                    if (out.length >= MAX_ARRAY) {
                        throw new LimitExceededException(Limit.ARRAY_SIZE, (long) out.length + 1, MAX_ARRAY,
                                "gzip cannot encode " + data.length + " bytes: the output would exceed the largest"
                                + " Java array");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(MAX_ARRAY, Math.max(2L * out.length, out.length + CHUNK)));
                }
                length += deflater.deflate(out, length, out.length - TRAILER_BYTES - length);
            }
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(out, length, (int) crc.getValue());
        writeIntLe(out, length + 4, data.length);
        length += TRAILER_BYTES;
        return length == out.length ? out : Arrays.copyOf(out, length);
    }

    @Override
    public byte[] decode(byte[] data, Limits limits) {
        if (data.length == 0) {
            throw corrupt("empty input, expected at least " + (HEADER_BYTES + TRAILER_BYTES + 2) + " bytes");
        }
        // The last member's trailer declares its size mod 2^32; a valid stream decodes to at least that,
        // so a plausible declaration above the bound is refused before anything is decoded or allocated.
        long declared = data.length >= HEADER_BYTES + TRAILER_BYTES
                ? Integer.toUnsignedLong(readIntLe(data, data.length - 4)) : 0;
        // Deflate never expands more than 1032:1: a larger declaration is not a trailer (a truncated
        // stream) or not true, and only measuring tells.
        if (declared <= (long) data.length * MAX_DEFLATE_RATIO) {
            if (declared > limits.maxDecodedBytes(data.length)) {
                limits.checkDecodedSize(declared, data.length, "gzip payload (by the size its trailer declares)");
            }
            try {
                return decodeAll(data, new Output(limits, data.length, allocate(declared))).toByteArray();
            } catch (Overflow overflow) {
                // Several members, or a trailer that understates: measure first, then allocate that once.
            }
        }
        long total = decodeAll(data, new Output(limits, data.length, null)).length;
        return decodeAll(data, new Output(limits, data.length, allocate(total))).toByteArray();
    }

    /** An array for {@code size} decoded bytes, a size already checked against the limits. */
    private static byte[] allocate(long size) {
        if (size > MAX_ARRAY) {
            throw new LimitExceededException(Limit.ARRAY_SIZE, size, MAX_ARRAY, "gzip payload decodes to " + size
                    + " bytes, more than a Java array can hold");
        }
        Limits.requireHeap(size, "gzip payload of " + size + " bytes");
        return new byte[(int) size];
    }

    private static Output decodeAll(byte[] data, Output output) {
        Inflater inflater = new Inflater(true);
        try {
            int offset = 0;
            int member = 0;
            while (offset < data.length) {
                member++;
                offset = decodeMember(data, offset, member, inflater, output);
                inflater.reset();
            }
        } finally {
            inflater.end();
        }
        return output;
    }

    @Override
    public String toString() {
        return ID;
    }

    /** Decodes one member starting at {@code offset} into {@code output}; returns the offset after it. */
    private static int decodeMember(byte[] data, int offset, int member, Inflater inflater, Output output) {
        String where = member > 1 ? "member " + member + " at offset " + offset + ": " : "";
        int bodyStart = skipHeader(data, offset, member == 1 ? where : (data.length - offset)
                + " trailing bytes at offset " + offset + " are not another gzip member: ");
        long memberStart = output.length;
        CRC32 crc = new CRC32();
        byte[] scratch = output.scratch;
        inflater.setInput(data, bodyStart, data.length - bodyStart);
        try {
            while (!inflater.finished()) {
                long readBefore = inflater.getBytesRead();
                int produced = inflater.inflate(scratch, 0, scratch.length);
                if (produced > 0) {
                    crc.update(scratch, 0, produced);
                    output.take(produced);
                } else if (!inflater.finished()) {
                    if (inflater.needsDictionary()) {
                        throw corrupt(where + "deflate data asks for a preset dictionary, which gzip does not have");
                    }
                    if (inflater.needsInput()) {
                        throw corrupt(where + "truncated: the deflate data ends after " + (data.length - bodyStart)
                                + " bytes without its final block");
                    }
                    if (inflater.getBytesRead() == readBefore) {
                        // Neither input read nor output written: zlib cannot go on, so the data is bad.
                        throw corrupt(where + "the deflate data stops making progress after byte "
                                + (bodyStart + readBefore));
                    }
                }
            }
        } catch (DataFormatException e) {
            throw corrupt(where + e.getMessage() + " in the deflate data after byte "
                    + (bodyStart + inflater.getBytesRead()), e);
        }
        int trailer = data.length - inflater.getRemaining();
        if (data.length - trailer < TRAILER_BYTES) {
            throw corrupt(where + "truncated: " + (data.length - trailer) + " of the " + TRAILER_BYTES
                    + " trailer bytes (CRC-32 and length) at offset " + trailer);
        }
        int expectedCrc = readIntLe(data, trailer);
        if ((int) crc.getValue() != expectedCrc) {
            throw corrupt(where + "CRC-32 mismatch at offset " + trailer + ": the trailer says "
                    + hex(expectedCrc) + ", the data has " + hex((int) crc.getValue()));
        }
        int expectedSize = readIntLe(data, trailer + 4);
        if (expectedSize != (int) (output.length - memberStart)) {
            throw corrupt(where + "length mismatch at offset " + (trailer + 4) + ": the trailer says "
                    + Integer.toUnsignedString(expectedSize) + " bytes (mod 2^32), the data has "
                    + (output.length - memberStart));
        }
        return trailer + TRAILER_BYTES;
    }

    /** Checks a member header at {@code offset} and returns where its deflate data starts. */
    private static int skipHeader(byte[] data, int offset, String where) {
        if (data.length - offset < HEADER_BYTES) {
            throw corrupt(where + "truncated header: " + (data.length - offset) + " of " + HEADER_BYTES + " bytes");
        }
        if ((data[offset] & 0xff) != ID1 || (data[offset + 1] & 0xff) != ID2) {
            throw corrupt(where + "bad magic " + hex2(data[offset]) + " " + hex2(data[offset + 1]) + " at offset "
                    + offset + ", expected 1f 8b");
        }
        if ((data[offset + 2] & 0xff) != CM_DEFLATE) {
            throw corrupt(where + "compression method " + (data[offset + 2] & 0xff) + " at offset " + (offset + 2)
                    + ", only 8 (deflate) exists");
        }
        int flags = data[offset + 3] & 0xff;
        if ((flags & FRESERVED) != 0) {
            throw corrupt(where + "reserved flag bits set in " + hex2(data[offset + 3]) + " at offset " + (offset + 3));
        }
        int at = offset + HEADER_BYTES;
        if ((flags & FEXTRA) != 0) {
            if (data.length - at < 2) {
                throw corrupt(where + "truncated extra field length at offset " + at);
            }
            int extraLength = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
            at += 2;
            if (data.length - at < extraLength) {
                throw corrupt(where + "extra field of " + extraLength + " bytes at offset " + at
                        + " runs past the end of the input");
            }
            at += extraLength;
        }
        if ((flags & FNAME) != 0) {
            at = skipZeroTerminated(data, at, where, "file name");
        }
        if ((flags & FCOMMENT) != 0) {
            at = skipZeroTerminated(data, at, where, "comment");
        }
        if ((flags & FHCRC) != 0) {
            if (data.length - at < 2) {
                throw corrupt(where + "truncated header CRC at offset " + at);
            }
            CRC32 crc = new CRC32();
            crc.update(data, offset, at - offset);
            int expected = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
            if (((int) crc.getValue() & 0xffff) != expected) {
                throw corrupt(where + "header CRC mismatch at offset " + at);
            }
            at += 2;
        }
        return at;
    }

    private static int skipZeroTerminated(byte[] data, int at, String where, String field) {
        for (int i = at; i < data.length; i++) {
            if (data[i] == 0) {
                return i + 1;
            }
        }
        throw corrupt(where + "the " + field + " starting at offset " + at + " has no terminating zero byte");
    }

    private static void writeHeader(byte[] out, int level) {
        out[0] = (byte) ID1;
        out[1] = (byte) ID2;
        out[2] = CM_DEFLATE;
        // out[3] FLG = 0 and out[4..7] MTIME = 0 (no time stamp): the array is already zero.
        out[8] = (byte) (level == MAX_LEVEL ? 2 : level == MIN_LEVEL ? 4 : 0);
        out[9] = (byte) OS_UNKNOWN;
    }

    private static void writeIntLe(byte[] out, int at, int value) {
        out[at] = (byte) value;
        out[at + 1] = (byte) (value >>> 8);
        out[at + 2] = (byte) (value >>> 16);
        out[at + 3] = (byte) (value >>> 24);
    }

    private static int readIntLe(byte[] in, int at) {
        return (in[at] & 0xff) | (in[at + 1] & 0xff) << 8 | (in[at + 2] & 0xff) << 16 | (in[at + 3] & 0xff) << 24;
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }

    private static String hex2(byte value) {
        return String.format("%02x", value & 0xff);
    }

    private static CorruptDeltaException corrupt(String detail) {
        return new CorruptDeltaException("gzip payload is corrupt: " + detail);
    }

    private static CorruptDeltaException corrupt(String detail, Throwable cause) {
        return new CorruptDeltaException("gzip payload is corrupt: " + detail, cause);
    }

    /**
     * Where decoded bytes go: an array of exactly the size expected, which refuses a byte more with
     * {@link Overflow}, or (no array) nowhere, counting them to measure the output. Either refuses
     * output past the limit: the payload limit or, when it is lower, what the expansion ratio allows
     * for the input's size. Inflating goes through a small scratch array, so nothing grows by doubling.
     */
    private static final class Output {
        private final Limits limits;
        private final int encodedLength;
        private final long limit;
        private final byte[] target;
        final byte[] scratch;
        long length;

        Output(Limits limits, int encodedLength, byte[] target) {
            this.limits = limits;
            this.encodedLength = encodedLength;
            this.limit = limits.maxDecodedBytes(encodedLength);
            this.target = target;
            // Into an array of the size expected, one byte more than it holds is enough to see an overflow.
            long most = target == null ? limit + 1 : target.length + 1L;
            this.scratch = new byte[(int) Math.min(CHUNK, Math.max(256, most))];
        }

        /** Takes the first {@code produced} bytes of {@link #scratch}. */
        void take(int produced) {
            long end = length + produced;
            if (end > limit) {
                limits.checkDecodedSize(end, encodedLength, "gzip payload"); // throws: end is above the bound
            }
            if (target != null) {
                if (end > target.length) {
                    throw Overflow.INSTANCE;
                }
                System.arraycopy(scratch, 0, target, (int) length, produced);
            }
            length = end;
        }

        byte[] toByteArray() {
            if (length != target.length) {
                throw Overflow.INSTANCE; // fewer bytes than the trailer declares: decode again, measuring
            }
            return target;
        }
    }

    /** The output does not match the size it was given: measure it instead. Not an error, so no stack trace. */
    private static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Overflow INSTANCE = new Overflow();

        private Overflow() {
            super(null, null, false, false);
        }
    }
}
